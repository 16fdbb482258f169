import { sql } from 'kysely';
import { loggedInPerson, type RouteContext } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { principalAccountsOf, principalsOf } from '../mandates/index.ts';
import { getAccount, listAccountsOf } from './accounts.ts';
import { accountMessages } from './messages.ts';
import { readSummaries } from './my-space-summaries.ts';
import { MySpacePage, type OtherAccount } from './views/my-space-page.tsx';

type Principal = { id: string; name: string | null; delegated: boolean };

/**
 * "My space": every section of the account in use and the accounts the person acts for, read in one
 * statement; what waits in each other account is then asked of each section.
 */
export async function renderMySpace(platform: Platform, c: RouteContext): Promise<Response> {
  const { db } = platform;
  const actor = loggedInPerson(c);
  const sections = platform.mySpaceSections();
  const day = new Date().toISOString().slice(0, 10);
  const [{ summaries, extra }, own] = await Promise.all([
    readSummaries(db, sections, actor, {
      principals: sql`select coalesce(json_agg(json_build_object(
          'id', p.account_id, 'name', a.name, 'delegated', p.delegated)), '[]')
        from (${principalAccountsOf(actor.id, day)}) p left join accounts a on a.id = p.account_id`,
    }),
    listAccountsOf(db, actor.id), // read by the request path already: no query
  ]);
  const rendered = (await Promise.all(sections.map((s, i) => s.render(c, actor, summaries[i])))).filter(
    Boolean,
  );
  let principals = extra.principals as Principal[];
  // A delegated mandate is in force only while its whole chain is: rare, asked of the mandates module.
  if (principals.some((p) => p.delegated))
    principals = await Promise.all(
      (await principalsOf(db, actor.id)).map(async (p) => ({
        id: p.accountId,
        name: (await getAccount(db, p.accountId))?.name ?? '',
        delegated: true,
      })),
    );
  const awaiting = async (accountId: string) =>
    (await Promise.all(sections.map((s) => s.awaiting(actor.id, accountId)))).reduce((a, b) => a + b, 0);
  const others: OtherAccount[] = await Promise.all(
    [
      ...own.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
      ...principals.map((p) => ({ id: p.id, name: p.name ?? '', kind: 'principal' as const })),
    ]
      .filter((a, i, all) => a.id !== actor.account.id && all.findIndex((b) => b.id === a.id) === i)
      .map(async (a) => ({ ...a, awaiting: await awaiting(a.id) })),
  );
  return platform.render(
    c,
    { title: accountMessages.translator(c.var.locale)('mySpaceTitle') },
    <MySpacePage
      locale={c.var.locale}
      accountName={actor.account.name}
      underMandate={Boolean(actor.mandate)}
      sections={rendered}
      others={others}
    />,
  );
}
