import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import type { Form } from '../../src/modules/forms/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

/**
 * The idle time-out (30 minutes here) neither surprises nor loses what was typed: a warning two minutes
 * before, "stay logged in" extends; without JavaScript, a step sent too late is kept for after the
 * login (ADR 28). The server's clock runs `offset` ahead of the real one; the browser's is Playwright's.
 */
let offset = 0;
const minutes = (n: number) => n * 60_000;
const e2e = useBrowserAndServer({ app: { now: () => new Date(Date.now() + offset) } });
let form: Form;

beforeAll(async () => {
  const { db } = e2e.server.database;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  form = await publishOneStepForm(db, sion, {
    name: 'Remarques',
    title: 'Remarques au service',
    step: { id: 'notes', title: 'Vos remarques' },
    fields: [
      { id: 'note', type: 'text', label: { fr: 'Remarque' } },
      { id: 'photo', type: 'file', label: { fr: 'Photo' } },
    ],
  });
}, 60_000);

async function onTheStep(options: { javaScript?: boolean } = {}): Promise<Page> {
  offset = 0;
  const page = await loggedInAs(e2e.browser, e2e.server.url, 'Sophie Rochat', {
    timeout: 15_000,
    ...options,
  });
  if (options.javaScript !== false) await page.clock.install();
  await page.goto(`${e2e.server.url}/forms/${form.id}/start`);
  await page.getByRole('button', { name: /Commencer/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/forms/drafts/'));
  return page;
}

describe('the idle time-out', () => {
  it('warns two minutes before, in a dialog, and "stay logged in" extends the session', async () => {
    const page = await onTheStep();
    try {
      await page.getByLabel('Remarque').fill('Le portail est fermé le lundi');
      // Nothing has the focus (a click on the page's background): "stay" must not leave it on the body.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.clock.fastForward('28:05');
      const dialog = page.getByRole('dialog', { name: 'Votre session va prendre fin' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      expect(await dialog.textContent()).toContain('dans 2 minutes');
      const stay = dialog.getByRole('button', { name: 'Rester connecté·e' });
      expect(await stay.evaluate((button) => button === document.activeElement)).toBe(true);
      // The ended state's "log in again" stays hidden while the session is still alive.
      expect(await dialog.getByRole('link', { name: 'Se reconnecter' }).isVisible()).toBe(false);
      await accessibleAtBothWidths(page);

      offset += minutes(28);
      await stay.click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      // To the main content, not the top of the page.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      // 48 minutes after the last page: alive only because "stay logged in" counted as activity.
      offset += minutes(20);
      await page.getByRole('button', { name: 'Continuer', exact: true }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/review'));
      expect(await page.getByRole('main').textContent()).toContain('Le portail est fermé le lundi');
    } finally {
      await page.context().close();
    }
  }, 90_000);

  it('says the time really left when the warning opens late, and Escape stays logged in', async () => {
    const page = await onTheStep();
    try {
      await page.getByLabel('Remarque').fill('Échap ne me déconnecte pas');
      // A tab woken from sleep: the warning's timer fires a minute late (the page's load took a moment).
      await page.clock.fastForward('29:05');
      const dialog = page.getByRole('dialog', { name: 'Votre session va prendre fin' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      expect(await dialog.textContent()).toMatch(/prendra fin dans 5\d secondes/);
      expect(await dialog.textContent()).not.toContain('2 minutes');

      offset += minutes(29);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
      expect(await page.getByLabel('Remarque').evaluate((input) => input === document.activeElement)).toBe(
        true,
      );
      // 49 minutes after the last page: alive only because Escape counted as "stay logged in".
      offset += minutes(20);
      await page.getByRole('button', { name: 'Continuer', exact: true }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/review'));
      expect(await page.getByRole('main').textContent()).toContain('Échap ne me déconnecte pas');
    } finally {
      await page.context().close();
    }
  }, 90_000);

  it('says when the session has ended, and logging in again through the dialog keeps what was typed', async () => {
    const page = await onTheStep();
    try {
      await page.getByLabel('Remarque').fill('Saisi avant la pause');
      offset += minutes(31);
      await page.clock.fastForward('30:05');
      const dialog = page.getByRole('dialog', { name: 'Votre session a pris fin' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      expect(await dialog.textContent()).toContain('sera conservé pour vous');
      await accessibleAtBothWidths(page);
      await dialog.getByRole('link', { name: 'Se reconnecter' }).click();
      await page.waitForURL((url) => url.pathname.includes('/steps/'));
      await logInAgain(page, { axe: true });
      expect(await page.getByLabel('Remarque').inputValue()).toBe('Saisi avant la pause');
    } finally {
      await page.context().close();
    }
  }, 90_000);

  it('without JavaScript, keeps a step sent too late and gives it back after logging in again', async () => {
    const page = await onTheStep({ javaScript: false });
    try {
      await page.getByLabel('Remarque').fill('Envoyé après la pause');
      await page.getByLabel('Photo').setInputFiles({
        name: 'portail.png',
        mimeType: 'image/png',
        buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
      });
      offset += minutes(31);
      await page.getByRole('button', { name: 'Continuer', exact: true }).click();
      await logInAgain(page, { axe: false });
      const main = page.getByRole('main');
      expect(await page.getByLabel('Remarque').inputValue()).toBe('Envoyé après la pause');
      expect(await main.textContent()).toContain('Rien n’a encore été enregistré');
      expect(await main.textContent()).toContain('Joignez à nouveau le fichier « Photo »');
      // Sent from that page, the step is saved and what was kept is forgotten: back on it, no notice.
      const step = page.url();
      await page.getByLabel('Remarque').fill('Envoyé après la reconnexion');
      await page.getByRole('button', { name: 'Continuer', exact: true }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/review'));
      await page.goto(step);
      expect(await page.getByLabel('Remarque').inputValue()).toBe('Envoyé après la reconnexion');
      expect(await main.textContent()).not.toContain('Rien n’a encore été enregistré');
    } finally {
      await page.context().close();
    }
  }, 90_000);
});

/** From the "your session ended" page: it says what is kept, then the login brings the person back. */
async function logInAgain(page: Page, options: { axe: boolean }) {
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent())
    .toBe('Votre session a pris fin');
  expect(await page.getByRole('main').textContent()).toContain('Ce que vous avez saisi est conservé');
  if (options.axe) await accessibleAtBothWidths(page);
  const step = new URL(page.url()).pathname.replace(/\/steps\/.*$/, '');
  await page.getByRole('link', { name: 'Se reconnecter' }).click();
  await page.getByRole('link', { name: 'Se connecter avec Identité de test (développement)' }).click();
  // The identity provider still knows the person: it sends them straight back, as a real one would.
  await page.waitForURL((url) => url.pathname === step && url.searchParams.get('step') === 'notes');
}
