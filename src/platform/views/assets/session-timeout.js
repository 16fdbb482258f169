// Progressive enhancement (WCAG 2.2.1): warns two minutes before the session times out and lets the
// person extend it. Without this file a post after the time-out is kept instead (ADR 28).
const dialog = document.getElementById('session-timeout');
const warnSeconds = 120;

if (dialog instanceof HTMLDialogElement) {
  const keptForm = document.querySelector('form[data-kept-after-timeout]');
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('guichet-session') : null;
  let idleEnd = 0;
  let absoluteEnd = 0;
  let timers = [];

  /** Shows the parts of the dialog whose `data-state` is one of `states`, hides the others. */
  const show = (states, described, labelled) => {
    for (const part of dialog.querySelectorAll('[data-state]')) {
      part.hidden = !states.includes(part.getAttribute('data-state'));
    }
    dialog.setAttribute('aria-describedby', described);
    dialog.setAttribute('aria-labelledby', labelled);
  };

  const open = (focus) => {
    if (!dialog.open) dialog.showModal();
    dialog.querySelector(focus)?.focus();
  };

  const warn = () => {
    const absolute = absoluteEnd <= idleEnd;
    show(
      absolute ? ['warning', 'absolute'] : ['warning', 'idle'],
      absolute ? 'session-timeout-absolute' : 'session-timeout-idle',
      'session-timeout-title',
    );
    // Nothing to extend at the absolute time-out: the title, not "log out", takes the focus.
    open(absolute ? '#session-timeout-title' : '[data-action=stay]');
  };

  const ended = () => {
    for (const timer of timers) clearTimeout(timer);
    show(keptForm ? ['ended', 'kept'] : ['ended'], 'session-timeout-ended', 'session-timeout-ended-title');
    open('[data-action=login]');
  };

  /** Restarts the timers from the seconds left, as the server counts them. */
  const schedule = (left) => {
    for (const timer of timers) clearTimeout(timer);
    const now = Date.now();
    idleEnd = now + left.idleSeconds * 1000;
    absoluteEnd = now + left.absoluteSeconds * 1000;
    const end = Math.min(idleEnd, absoluteEnd);
    timers = [
      setTimeout(warn, Math.max(0, end - now - warnSeconds * 1000)),
      setTimeout(ended, Math.max(0, end - now)),
    ];
  };

  const stay = async () => {
    const token = dialog.querySelector('input[name=_csrf]')?.value ?? '';
    const response = await fetch(dialog.dataset.keepAlive ?? '', {
      method: 'POST',
      headers: { 'X-CSRF-Token': token, Accept: 'application/json' },
      credentials: 'same-origin',
    }).catch(() => undefined);
    if (!response?.ok) return ended();
    const left = await response.json();
    schedule(left);
    channel?.postMessage(left);
    dialog.close();
  };

  dialog.querySelector('[data-action=stay]')?.addEventListener('click', () => void stay());
  // With a form on the page, logging in again goes through it: the late post is kept for after.
  dialog.querySelector('[data-action=login]')?.addEventListener('click', (event) => {
    if (!(keptForm instanceof HTMLFormElement)) return;
    event.preventDefault();
    keptForm.submit();
  });
  // Activity in another tab of the portal (a page, "stay logged in") moves this tab's time-out too.
  if (channel)
    channel.onmessage = (event) => {
      schedule(event.data);
      if (dialog.open) dialog.close();
    };

  const left = {
    idleSeconds: Number(dialog.dataset.idleSeconds),
    absoluteSeconds: Number(dialog.dataset.absoluteSeconds),
  };
  schedule(left);
  channel?.postMessage(left);
}
