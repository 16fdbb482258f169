// Results as you type: the search form stays a plain GET form; this only fetches the same results
// page's list (fragment=1) while typing and puts it under the field.
for (const form of document.querySelectorAll('form[data-live-search]')) {
  const input = form.querySelector('input[type="search"]');
  let results = document.getElementById(form.dataset.liveSearch);
  if (!results) {
    results = document.createElement('div');
    results.id = form.dataset.liveSearch;
    form.after(results);
  }
  // A region that stays in the page, so that screen readers hear the new count after each update.
  const announcer = document.createElement('p');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('aria-live', 'polite');
  form.after(announcer);
  let timer;
  let controller;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = input.value.trim();
      if (query.length < 2) return;
      controller?.abort();
      controller = new AbortController();
      const url = new URL(form.action, location.href);
      url.searchParams.set('q', query);
      try {
        url.searchParams.set('fragment', '1');
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: 'text/html' } });
        if (!response.ok) return;
        results.innerHTML = await response.text();
        const status = results.querySelector('[role="status"]');
        if (status) {
          status.removeAttribute('role');
          announcer.textContent = status.textContent;
        }
        if (location.pathname === url.pathname) {
          url.searchParams.delete('fragment');
          history.replaceState(null, '', url);
        }
      } catch (error) {
        if (error.name !== 'AbortError') throw error;
      }
    }, 250);
  });
}
