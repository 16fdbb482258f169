import { describe, expect, it } from 'vitest';
import { localParts, zurichInstant } from '../../src/modules/booking/zurich-time.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';

const e2e = useBrowserAndServer({ worker: true });

/** A weekday at least three days ahead, when the meeting room opens. */
function nextWorkingDay(): string {
  for (let ahead = 3; ; ahead += 1) {
    const parts = localParts(new Date(Date.now() + ahead * 86_400_000));
    if (parts.weekday <= 5) return parts.day;
  }
}

describe('booking a room of Sion on its portal', () => {
  it('shows the free slots, books one, pays it and gives the confirmation; the staff see it in the calendar and block a time', {
    timeout: 180_000,
  }, async () => {
    const day = nextWorkingDay();
    const citizen = await loggedInAs(e2e.browser, e2e.server.url, 'Marc Darbellay', { timeout: 15_000 });
    // Found from Sion's portal as any service is: by searching, then its page's start button.
    await citizen.goto(`${e2e.server.url}/communes/sion/search?q=salle`);
    await citizen.getByRole('link', { name: 'Réservation d’une salle ou de matériel' }).click();
    await accessibleAtBothWidths(citizen);
    await citizen.getByRole('link', { name: 'Commencer la démarche' }).click();
    expect(new URL(citizen.url()).pathname).toBe('/booking/sion');
    // Sion's own portal: its name in the header.
    expect(await citizen.locator('header').first().textContent()).toContain('Sion');
    await accessibleAtBothWidths(citizen);
    await citizen.getByRole('link', { name: 'Salle de réunion du Grand-Pont' }).click();
    await citizen.getByLabel('Jour').fill(day);
    await citizen.getByRole('button', { name: 'Afficher' }).click();
    expect(await citizen.getByRole('table').textContent()).toContain('Libre');
    await accessibleAtBothWidths(citizen);

    await citizen.getByLabel('10:00').check();
    await citizen.getByLabel('Durée').selectOption({ label: '120 minutes' });
    await citizen.getByRole('button', { name: 'Continuer' }).click();
    await citizen.getByRole('button', { name: 'Réserver et payer' }).click();
    expect(await citizen.getByRole('alert').textContent()).toContain('Ce champ est obligatoire');
    await accessibleAtBothWidths(citizen);
    await citizen.getByLabel('Objet de la réservation').fill('Comité de la société de musique');
    await citizen.getByLabel('Nombre de personnes').fill('12');
    await citizen.getByLabel('NPA de votre domicile').fill('1950');
    await citizen.getByRole('button', { name: 'Réserver et payer' }).click();

    // Sion's provider, as for any fee: two hours at the residents' price.
    await citizen.waitForURL(/\/payments\/checkout\?for=/);
    const bookingPath = new URL(citizen.url()).searchParams.get('for') ?? '';
    await citizen.getByLabel('TWINT').check();
    await citizen.getByRole('button', { name: /Payer CHF\s30\.00 à Ville de Sion/ }).click();
    await citizen.waitForURL(/\/simulators\/saferpay\/vt\//);
    await citizen.getByRole('button', { name: 'Pay CHF 30.00' }).click();
    await citizen.waitForURL(/\/payments\/checkout/);

    await expect
      .poll(
        async () => {
          await citizen.goto(`${e2e.server.url}${bookingPath}`);
          return citizen.getByRole('main').textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain('Confirmée');
    await accessibleAtBothWidths(citizen);
    await citizen.getByRole('link', { name: 'Ouvrir la confirmation dans vos documents' }).click();
    expect(await citizen.getByRole('main').textContent()).toContain('Confirmation de réservation');

    // Sion's staff: the desk, the room's week with the booking, and a time blocked.
    const staff = await loggedInAs(e2e.browser, e2e.server.url, 'Nadia Berclaz', { timeout: 15_000 });
    await staff.goto(`${e2e.server.url}/back-office`);
    await staff.getByRole('link', { name: 'Réservations de salles et de matériel' }).first().click();
    await accessibleAtBothWidths(staff);
    await staff.getByRole('link', { name: 'Calendrier : Salle de réunion du Grand-Pont' }).click();
    await staff.goto(`${staff.url()}?week=${day}`);
    expect(await staff.getByRole('table').textContent()).toContain('Comité de la société de musique');
    await accessibleAtBothWidths(staff);
    await staff.getByLabel('Bloquer à partir de').fill(`${day} 14:00`);
    await staff.getByLabel('Jusqu’à').fill(`${day} 16:00`);
    await staff.getByLabel('Motif (visible du personnel seulement)').fill('Nettoyage');
    await staff.getByRole('button', { name: 'Bloquer' }).click();
    expect(await staff.getByRole('main').textContent()).toContain('Le moment est bloqué.');
    expect(await staff.getByRole('table').textContent()).toContain('Nettoyage');
    await accessibleAtBothWidths(staff);

    // The citizen sees those hours taken.
    await citizen.goto(`${e2e.server.url}/booking/sion`);
    await citizen.getByRole('link', { name: 'Salle de réunion du Grand-Pont' }).click();
    await citizen.goto(`${citizen.url()}?day=${day}`);
    const slot = (time: string) => citizen.getByRole('row', { name: new RegExp(`^${time}`) });
    expect(await slot('10:00').textContent()).toContain('Réservé');
    expect(await slot('14:00').textContent()).toContain('Réservé');
    expect(await slot('16:00').textContent()).toContain('Libre');
    expect(zurichInstant(day, '10:00').getTime()).toBeGreaterThan(Date.now());
  });
});
