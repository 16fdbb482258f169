// Subscribing this device to push notifications needs the browser's Push API: without JavaScript the
// button stays hidden and e-mail or SMS remain available.
const button = document.querySelector('[data-push-subscribe]');
const status = document.getElementById('push-status');
const csrfToken = () => document.querySelector('input[name="_csrf"]')?.value ?? '';

function keyBytes(base64url) {
  const base64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

if (button && 'serviceWorker' in navigator && 'PushManager' in window) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      const registration = await navigator.serviceWorker.register('/service-worker.js');
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(button.dataset.key ?? ''),
      });
      const response = await fetch('/notifications/devices', {
        method: 'POST',
        headers: {
          'X-CSRF-Token': csrfToken(),
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify(subscription),
      });
      if (!response.ok) throw new Error(String(response.status));
      location.assign('/notifications/devices?subscribed=1');
    } catch {
      if (status) status.textContent = status.dataset.failed ?? '';
    }
  });
}
