import { sql } from 'kysely';
import { loggedInPerson, type RouteContext } from '../../platform/http/route.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { principalAccountsOf, principalsOf } from '../mandates/index.ts';
import { getAccount, listAccountsOf } from './accounts.ts';
import { accountMessages } from './messages.ts';
import { readSummaries } from './my-space-summaries.ts';
import { MySpacePage, type OtherAccount } from './views/my-space-page.tsx';

/** An account the person may also use, with what each section needs to say what waits there. */
type Other = { id: string; name: string | null; principal: boolean; delegated: boolean } & Record<
  `a${number}`,
  unknown
>;

/**
 * The person's other accounts (`ownIds`, and those they hold a mandate in force for) with each section's
 * `awaitingSummary` over them, as one SQL expression read with the sections' own.
 */
function otherAccounts(sections: MySpaceSection[], personId: string, ownIds: string[]) {
  const awaiting = sections.flatMap((section, i) => {
    const summary = section.awaitingSummary?.(personId, sql.ref('o.id'));
    return summary ? [sql`${sql.lit(`a${i}`)}, (${summary})`] : [];
  });
  const day = new Date().toISOString().slice(0, 10);
  return sql`select coalesce(json_agg(json_build_object('id', o.id, 'name', a.name,
      'principal', o.principal, 'delegated', o.delegated${sql.join(
        awaiting.map((pair) => sql`, ${pair}`),
        sql``,
      )})), '[]')
    from (select id, false as principal, false as delegated from unnest(${ownIds}::uuid[]) as id
      union all select account_id, true, delegated from (${principalAccountsOf(personId, day)}) p) o
    left join accounts a on a.id = o.id`;
}

/**
 * "My space": every section of the account in use, the accounts the person acts for and what waits in
 * each of their other accounts, read in one statement.
 */
export async function renderMySpace(platform: Platform, c: RouteContext): Promise<Response> {
  const { db } = platform;
  const actor = loggedInPerson(c);
  const sections = platform.mySpaceSections();
  const own = await listAccountsOf(db, actor.id); // read by the request path already: no query
  const ownIds = own.filter((a) => a.id !== actor.account.id).map((a) => a.id);
  const { summaries, extra } = await readSummaries(db, sections, actor, {
    others: otherAccounts(sections, actor.id, ownIds),
  });
  const rendered = (await Promise.all(sections.map((s, i) => s.render(c, actor, summaries[i])))).filter(
    Boolean,
  );
  const read = extra.others as Other[];
  const byId = new Map(read.map((o) => [o.id, o]));
  let principals = read.filter((o) => o.principal).map((o) => ({ id: o.id, name: o.name ?? '' }));
  // A delegated mandate is in force only while its whole chain is: rare, asked of the mandates module.
  if (read.some((o) => o.delegated))
    principals = await Promise.all(
      (await principalsOf(db, actor.id)).map(async (p) => ({
        id: p.accountId,
        name: (await getAccount(db, p.accountId))?.name ?? '',
      })),
    );
  const awaiting = async (accountId: string) =>
    (
      await Promise.all(
        sections.map((s, i) => s.awaiting(actor.id, accountId, byId.get(accountId)?.[`a${i}`])),
      )
    ).reduce((a, b) => a + b, 0);
  const others: OtherAccount[] = await Promise.all(
    [
      ...own.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
      ...principals.map((p) => ({ ...p, kind: 'principal' as const })),
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
