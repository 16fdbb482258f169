// Passkeys need the browser's WebAuthn API, so this is the one identity feature that needs JavaScript;
// its buttons stay hidden without it, and every other means works without.
const lib = window.SimpleWebAuthnBrowser;
const supported = Boolean(lib && window.PublicKeyCredential);

const csrfToken = () => document.querySelector('input[name="_csrf"]')?.value ?? '';

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrfToken(), 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

for (const button of document.querySelectorAll('[data-passkey]')) {
  if (!supported) continue;
  button.hidden = false;
  const status = document.getElementById(button.dataset.status ?? '');
  button.addEventListener('click', async () => {
    if (status) status.textContent = '';
    try {
      if (button.dataset.passkey === 'register') {
        const options = await post('/profile/passkeys/options');
        const answer = await lib.startRegistration({ optionsJSON: options });
        location.assign((await post('/profile/passkeys', answer)).redirect);
      } else {
        const options = await post('/login/passkey/options');
        const answer = await lib.startAuthentication({ optionsJSON: options });
        location.assign(
          (await post('/login/passkey', { response: answer, returnTo: button.dataset.return })).redirect,
        );
      }
    } catch {
      if (status) status.textContent = status.dataset.failed ?? '';
    }
  });
}
