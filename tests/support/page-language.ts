/** What a reader of a German or English page meets: text outside other-language elements, and what leaks into it. */

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * The text a reader meets in the page's own language: everything outside `<script>`/`<style>` and
 * outside any element whose `lang` says it is in another language.
 */
export function textInPageLanguage(html: string): string {
  const pageLang = html.match(/<html[^>]*\blang="([^"]+)"/)?.[1];
  const body = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  const stack: { tag: string; foreign: boolean }[] = [];
  const parts: string[] = [];
  const tagPattern = /<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g;
  let last = 0;
  for (const match of body.matchAll(tagPattern)) {
    if (!stack.some((e) => e.foreign)) parts.push(body.slice(last, match.index));
    last = match.index + match[0].length;
    const [, closing, rawTag = '', attributes = ''] = match;
    const tag = rawTag.toLowerCase();
    if (closing) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at >= 0) stack.length = at;
    } else if (!voidElements.has(tag) && !attributes.trimEnd().endsWith('/')) {
      const lang = attributes.match(/\blang="([^"]*)"/)?.[1];
      stack.push({ tag, foreign: lang !== undefined && tag !== 'html' && lang !== pageLang });
    }
    parts.push(' ');
  }
  parts.push(body.slice(last));
  return parts
    .join('')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

// Words that are only French: common enough to show up when French leaks, rare enough in German and
// English (names of places and authorities are left out on purpose).
const frenchMarkers = [
  ' de la ',
  ' les ',
  ' vous ',
  ' votre ',
  ' pour ',
  'Démarche',
  'Référence',
  'Demande',
  ' être ',
];

export function frenchLeaks(text: string): string[] {
  return frenchMarkers.flatMap((word) => {
    const at = text.indexOf(word);
    return at < 0 ? [] : [`“${word.trim()}” in …${text.slice(Math.max(0, at - 60), at + 60)}…`];
  });
}

// Codes meant for the machine: actor references, and a label typeset the French way.
export function rawCodes(text: string, locale: 'de' | 'en'): string[] {
  const found = [
    ...text.matchAll(/person:[0-9a-f]{8}-|cli:seed|\w\((s|n)\)/g),
    ...(locale === 'de' || locale === 'en' ? text.matchAll(/\S[ {2}]:(\s|$)/g) : []),
  ];
  return found.map(
    (m) => `${m[0]} in …${text.slice(Math.max(0, (m.index ?? 0) - 60), (m.index ?? 0) + 40)}…`,
  );
}
