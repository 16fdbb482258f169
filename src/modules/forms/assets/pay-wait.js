// The "payment being prepared" page: asks whether the fee is asked yet, a little less often each time,
// and opens the payment as soon as it is; the status paragraph (a polite live region) says what
// happens. Without JavaScript, the page's button asks again.
(() => {
  const box = document.querySelector('[data-pay-wait]');
  const status = box?.querySelector('[data-pay-wait-status]');
  if (!box || !status) return;
  const giveUpAt = Date.now() + 120_000;
  let delay = 1000;
  status.textContent = box.dataset.checking;
  const check = async () => {
    try {
      const response = await fetch(box.dataset.payWait, {
        headers: { Accept: 'application/json' },
        cache: 'no-store',
      });
      const answer = response.ok ? await response.json() : undefined;
      if (answer?.ready && typeof answer.location === 'string') {
        status.textContent = box.dataset.ready;
        // Replaced, not pushed: "back" from the payment returns to the sent form, not to this wait.
        window.location.replace(answer.location);
        return;
      }
    } catch {
      // A network hiccup is asked again like a "not yet".
    }
    if (Date.now() > giveUpAt) {
      status.textContent = box.dataset.slow;
      return;
    }
    delay = Math.min(delay * 1.5, 5000);
    setTimeout(check, delay);
  };
  setTimeout(check, delay);
})();
