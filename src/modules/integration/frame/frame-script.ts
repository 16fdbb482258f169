/**
 * The script an application may include instead of fetching the fragments itself: it fills
 * `<div data-guichet-header data-authority="sion" data-lang="fr">` and `data-guichet-footer` with the
 * fragments, and adds the authority's stylesheet. Without it (or without JavaScript) nothing breaks:
 * the application's own header stays; server-side inclusion is the recommended way.
 */
export function frameScript(origin: string): string {
  return `(() => {
  const origin = ${JSON.stringify(origin)};
  const fill = async (selector, part) => {
    for (const slot of document.querySelectorAll(selector)) {
      const slug = encodeURIComponent(slot.dataset.authority || '');
      const lang = encodeURIComponent(slot.dataset.lang || document.documentElement.lang || 'fr');
      const response = await fetch(origin + '/frame/v1/' + slug + '/' + part + '?lang=' + lang);
      if (!response.ok) continue;
      if (!document.querySelector('link[data-guichet-frame]')) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.dataset.guichetFrame = '';
        link.href = origin + '/frame/v1/' + slug + '/frame.css';
        document.head.append(link);
      }
      const template = document.createElement('template');
      template.innerHTML = await response.text();
      slot.replaceChildren(template.content);
    }
  };
  void fill('[data-guichet-header]', 'header');
  void fill('[data-guichet-footer]', 'footer');
})();
`;
}
