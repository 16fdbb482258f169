import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { getServiceEntry } from '../../src/modules/catalogue/index.ts';
import { connectCommunalErp } from '../../src/simulators/communal-erp/index.ts';
import { expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { personActor } from '../support/factories.ts';
import { submitAnswers } from '../support/requests.ts';

const e2e = useBrowserAndServer({ worker: true });

beforeAll(async () => {
  // As `guichet start` does once it listens: the ERP subscribes through the API.
  expect(await connectCommunalErp(e2e.server.database.db, e2e.server.url)).toBe(true);
});

describe('Sion’s communal ERP, through the API and its webhooks only', () => {
  it('receives a dog registration and answers with the tag number, which the citizen reads on the request', {
    timeout: 120_000,
  }, async () => {
    const { db } = e2e.server.database;
    const citizen = await loggedInAs(e2e.browser, e2e.server.url, 'Sophie Rochat', { timeout: 10_000 });
    const { personId, accountId } = await demoPerson(db, 'Sophie Rochat');
    const formId =
      (await getServiceEntry(db, { slug: 'enregistrement-chien-sion' }, 'published'))?.content.formId ?? '';
    // The form's own pages are another journey's (tests/e2e/forms); here its answers are sent as they would be.
    const submission = await submitAnswers(
      db,
      personActor({
        id: personId,
        level: 'high',
        account: { id: accountId, name: 'Sophie Rochat', kind: 'personal' },
      }),
      formId,
      {
        givenNames: 'Sophie',
        familyName: 'Rochat',
        address: { street: 'Rue du Rhône 1', postcode: '1950', town: 'Sion' },
        list: [{ name: 'Filou', chip: '756098100123456' }],
        working: false,
        insured: true,
      },
    );
    const requestId = async () =>
      (await sql<{ id: string }>`select id from cases where submission_id = ${submission.id}`.execute(db))
        .rows[0]?.id;
    await expect.poll(requestId, { timeout: 30_000 }).toBeTruthy();
    const page = `${e2e.server.url}/requests/${await requestId()}`;

    // The next tag of the ERP's own register (three dogs were registered before the portal).
    await expect
      .poll(
        async () => {
          await citizen.goto(page);
          return citizen.locator('main').textContent();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toContain('Filou : médaille n° SION-2026-0004');
    expect(await citizen.getByText('Transmise au système de traitement de l’autorité').count()).toBe(1);
    await expectNoAxeViolations(citizen);
    const register = (await (await fetch(`${e2e.server.url}/simulators/communal-erp/dogs`)).json()) as {
      dogs: { tag: string; name: string }[];
    };
    expect(register.dogs.at(-1)).toMatchObject({ tag: 'SION-2026-0004', name: 'Filou' });

    // Sion's administrator sees the ERP's endpoint and its delivery in the back office.
    const admin = await loggedInAs(e2e.browser, e2e.server.url, 'Nadia Berclaz', { timeout: 10_000 });
    await admin.goto(`${e2e.server.url}/back-office`);
    await admin.getByRole('link', { name: 'Webhooks des applications métier' }).first().click();
    await expectNoAxeViolations(admin);
    await admin.getByRole('link', { name: /ERP communal de Sion/ }).click();
    expect(await admin.getByRole('table').textContent()).toContain('request.submitted');
    expect(await admin.getByRole('table').textContent()).toContain('Livrée');
    await expectNoAxeViolations(admin);
  });
});
