// Keeps the wallet page on this device for when there is no connection; without JavaScript (or a
// service worker) the page works as any other, online.
if ('serviceWorker' in navigator) {
  const config = document.getElementById('wallet-config');
  const { serviceWorker, scope } = JSON.parse(config?.textContent ?? '{}');
  if (serviceWorker) navigator.serviceWorker.register(serviceWorker, { scope }).catch(() => {});
}
