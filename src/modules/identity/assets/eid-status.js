// The e-ID wait page: asks every few seconds whether the wallet has answered, then reloads the page,
// which logs in or says what went wrong. Without JavaScript, the page's button does the same.
const status = document.querySelector('[data-eid-status]');
if (status) {
  const url = status.getAttribute('data-eid-status');
  const poll = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (response.ok && (await response.json()).done) {
        window.location.reload();
        return;
      }
    } catch {
      // A network hiccup: try again on the next tick.
    }
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
}
