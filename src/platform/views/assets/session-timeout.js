// Progressive enhancement (WCAG 2.2.1): warns two minutes before the session times out and lets the
// person extend it; Escape there extends it too, never silently leaves them to be logged out. Without this file a post after the time-out is kept instead (ADR 28).
const dialog = document.getElementById('session-timeout');
const warnSeconds = 120;

if (dialog instanceof HTMLDialogElement) {
  const keptForm = document.querySelector('form[data-kept-after-timeout]');
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('guichet-session') : null;
  let idleEnd = 0;
  let absoluteEnd = 0;
  let timers = [];
  let returnFocus = null;
  const when = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined);

  /** "in 2 minutes", "in 1 minute", "in 45 seconds": a timer may fire late (a sleeping tab, a busy page). */
  const timeLeft = (milliseconds) => {
    const seconds = Math.max(0, Math.round(milliseconds / 1000));
    return seconds >= 60 ? when.format(Math.round(seconds / 60), 'minute') : when.format(seconds, 'second');
  };

  /** Shows the parts of the dialog whose `data-state` is one of `states`, hides the others. */
  const show = (states, described, labelled) => {
    for (const part of dialog.querySelectorAll('[data-state]')) {
      part.hidden = !states.includes(part.getAttribute('data-state'));
    }
    dialog.setAttribute('aria-describedby', described);
    dialog.setAttribute('aria-labelledby', labelled);
  };

  const open = (focus) => {
    if (!dialog.open) {
      returnFocus = document.activeElement;
      dialog.showModal();
    }
    dialog.querySelector(focus)?.focus();
  };

  const warn = () => {
    const absolute = absoluteEnd <= idleEnd;
    const left = timeLeft(Math.min(idleEnd, absoluteEnd) - Date.now());
    for (const slot of dialog.querySelectorAll('[data-time-left]')) slot.textContent = left;
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
    close();
  };

  /** Back where the person was, or to the main content: never to the top of the page. */
  const close = () => {
    dialog.close();
    const target =
      returnFocus instanceof HTMLElement && returnFocus !== document.body && returnFocus.isConnected
        ? returnFocus
        : document.getElementById('main');
    target?.focus();
  };

  dialog.querySelector('[data-action=stay]')?.addEventListener('click', () => void stay());
  // Escape on the idle warning is "not now, I'm here": it extends, as "stay logged in" does. The
  // absolute warning only informs, so Escape just closes it, focus going back as after "stay".
  dialog.addEventListener('cancel', (event) => {
    if (dialog.querySelector('#session-timeout-ended')?.hidden === false) return;
    event.preventDefault();
    const stayButton = dialog.querySelector('[data-action=stay]');
    if (stayButton instanceof HTMLElement && !stayButton.hidden) void stay();
    else close();
  });
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
      if (dialog.open) close();
    };

  const left = {
    idleSeconds: Number(dialog.dataset.idleSeconds),
    absoluteSeconds: Number(dialog.dataset.absoluteSeconds),
  };
  schedule(left);
  channel?.postMessage(left);
}
