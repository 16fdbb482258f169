import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { copyRequests, plansOf } from '../../../tests/support/scaling-data.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { countInbox, listInbox } from './list-inbox.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let spf = '';
let own = { id: '', reference: '' };
let other = { id: '', reference: '' };
let rare = { id: '', reference: '' };
const inbox = '/back-office/authorities/spf/requests';
/** Enough of the authority's requests for the planner to weigh reading them all against an index. */
const volume = 20_000;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const elsewhere = (await createAuthority(db)).id;
  const citizen = await createCitizen(db, { givenNames: 'Émilie', familyName: 'Bonvin' });
  own = await openRequest(db, citizen, (await createRequestForm(db, spf)).id, { purpose: 'Abonnement' });
  other = await openRequest(db, citizen, (await createRequestForm(db, elsewhere)).id, {
    purpose: 'Abonnement',
  });
  const zoe = await createCitizen(db, { givenNames: 'Zoé', familyName: 'Zwahlen' });
  rare = await openRequest(db, zoe, (await createRequestForm(db, spf, 'Permis')).id, { purpose: 'Pêche' });
  await copyRequests(db, {
    templateId: own.id,
    from: 1,
    count: volume,
    assigneeId: citizen.id,
    prefix: 'SPF',
  });
  await sql`analyze cases`.execute(db);
}, 120_000);
afterAll(() => testApp?.close());

const page = async (path: string) => {
  const response = await testApp.app.request(path);
  expect(response.status).toBe(200);
  return response.text();
};

describe('an inbox search shorter than three characters', () => {
  it('finds the references beginning with it, in the authority only, and says words need three', async () => {
    actor = staffActor(spf);
    const prefix = own.reference.slice(0, 2);
    expect(other.reference.startsWith(prefix)).toBe(true);
    const found = await page(`${inbox}?q=${prefix}`);
    expect(found).toContain(`>${own.reference}</a>`);
    expect(found).toContain(`>${rare.reference}</a>`);
    expect(found).not.toContain(other.reference);
    expect(found).toContain('Demandes trouvées : 2<');
    expect(found).toContain(
      `Moins de 3 caractères : seules les références qui commencent par « ${prefix} » sont affichées.`,
    );
    // A word of two letters is not looked for in the answers ("Abonnement"); from three it is.
    const word = await page(`${inbox}?q=ab`);
    expect(word).toContain('Aucune référence ne commence par « ab ».');
    expect(word).not.toContain(own.reference);
    expect(await page(`${inbox}?q=ab&lang=de`)).toContain('geben Sie mindestens 3 Zeichen ein.');
    expect(await page(`${inbox}?q=ab&lang=en`)).toContain('type at least 3 characters.');
    const longer = await page(`${inbox}?q=abo`);
    expect(longer).toContain(`>${own.reference}</a>`);
    expect(longer).not.toContain('Moins de 3 caractères');
    expect(longer).not.toContain(other.reference);
  });

  it('reads a few index entries, not every request of the authority, when nothing matches', async () => {
    const { db, pool } = testApp.database;
    for (const query of ['zq', '9']) {
      const plans = await plansOf(pool, async () => {
        await listInbox(db, spf, { query, pageSize: 25 });
        await countInbox(db, spf, { query });
      });
      expect(plans).toHaveLength(2);
      for (const plan of plans) {
        expect(plan).toContain('cases_authority_reference');
        expect(plan).not.toContain('Seq Scan on cases');
        // Each node's rows, and those it read and threw away: none near the authority's 20,000.
        const read = [...plan.matchAll(/(?:rows=|Rows Removed by [A-Za-z ]+: )(\d+)/g)].map((m) =>
          Number(m[1]),
        );
        expect(Math.max(...read)).toBeLessThanOrEqual(1);
      }
    }
  }, 60_000);
});

describe('an inbox search by the requester’s name', () => {
  it('finds the one request of a person among 20,000 of another, and none for a name nobody has', async () => {
    actor = staffActor(spf);
    const found = await page(`${inbox}?q=${encodeURIComponent('zwahlen zoé')}`);
    expect(found).toContain(`>${rare.reference}</a>`);
    expect(found).toContain('Demandes trouvées : 1<');
    expect(found).toContain('Zoé Zwahlen');
    expect(await page(`${inbox}?q=Nobody-Here`)).toContain('Aucune demande ne correspond à ces critères.');
  });
});
