import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { requestsPageSize } from './citizen-routes.tsx';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let citizen: PersonActor;
const total = requestsPageSize * 2 + 5;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => citizen });
  const { db } = testApp.database;
  citizen = await createCitizen(db, { givenNames: 'Anne', familyName: 'Page', email: 'page@example.ch' });
  const form = await createRequestForm(db, (await getAuthorityBySlug(db, 'spf'))?.id ?? '');
  const first = await openRequest(db, citizen, form.id);
  // The rest copied from it, a minute apart, two of them at the same instant (the id breaks the tie).
  await sql`
    insert into cases (reference, authority_id, form_id, form_version, submission_id, title, account_id,
      person_id, level, answers, status, created_at, status_changed_at)
    select 'PAGE-' || lpad(g::text, 3, '0'), t.authority_id, t.form_id, t.form_version, gen_random_uuid(),
      t.title, t.account_id, t.person_id, t.level, t.answers, t.status,
      t.created_at - least(g, 10) * interval '1 minute', t.created_at
    from generate_series(1, ${total - 1}::int) g, cases t where t.id = ${first.id}`.execute(db);
});
afterAll(async () => {
  await testApp?.close();
});

async function page(href: string) {
  const html = await (await testApp.app.request(href)).text();
  return {
    references: [...html.matchAll(/href="\/requests\/[0-9a-f-]{36}">\s*([^<]+)</g)].map((m) => m[1]?.trim()),
    next: /href="([^"]+)" rel="next"/.exec(html)?.[1]?.replaceAll('&amp;', '&'),
    previous: /href="([^"]+)" rel="prev"/.exec(html)?.[1]?.replaceAll('&amp;', '&'),
  };
}

describe('the citizen’s request list', () => {
  it('shows a page at a time, every request once, with links to the next and previous pages', async () => {
    const pages = [await page('/requests')];
    expect(pages[0]?.previous).toBeUndefined();
    for (let href = pages[0]?.next; href; href = pages.at(-1)?.next) pages.push(await page(href));
    expect(pages.map((p) => p.references.length)).toEqual([requestsPageSize, requestsPageSize, 5]);
    const seen = pages.flatMap((p) => p.references);
    expect(new Set(seen).size).toBe(total);
    // Back from the last page: the same second page, in the same order.
    const back = await page(pages[2]?.previous ?? '');
    expect(back.references).toEqual(pages[1]?.references);
    expect((await page(back.previous ?? '')).references).toEqual(pages[0]?.references);
  });

  it('sums them up on "my space" without listing them all: the count, and the latest few awaiting an answer', async () => {
    await sql`update cases set status = 'awaiting_complement'
      where reference in (select reference from cases where reference like 'PAGE-%' order by reference limit 7)`.execute(
      testApp.database.db,
    );
    const html = await (await testApp.app.request('/my')).text();
    expect(html).toContain(`Demandes en cours : ${total}`);
    expect(html.match(/attend votre réponse/g)).toHaveLength(5);
    expect(html).toContain('PAGE-001 attend votre réponse');
  });

  it('ignores a cursor that is not one of the account’s requests', async () => {
    const other = await page('/requests?after=not-an-id');
    expect(other.references).toHaveLength(requestsPageSize);
  });
});
