import { sql } from 'kysely';
import type { PersonActor } from '../../platform/http/access.ts';
import { keptPage } from '../../platform/http/render.tsx';
import { loggedInPerson, type RouteContext } from '../../platform/http/route.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { principalAccountsOf, type RepresentedMandate, representedSql } from '../mandates/index.ts';
import { type AccountAccess, listAccountsOf } from './accounts.ts';
import { accountMessages } from './messages.ts';
import { readSummaries } from './my-space-summaries.ts';
import { MySpacePage, type OtherAccount } from './views/my-space-page.tsx';

/** An account the person may also use, with what each section needs to say what waits there. */
type Other = {
  id: string;
  name: string | null;
  kind: AccountAccess['kind'];
  /** For an account they act for: the mandate in force they would act under (null: none any more). */
  mandate: RepresentedMandate | null;
  principal: boolean;
} & Record<`a${number}`, unknown>;

/**
 * The person's other accounts (`ownIds`, and those they hold a mandate in force for, with the
 * mandate they would act under there) with each section's `awaitingSummary` over them, as one SQL
 * expression read with the sections' own.
 */
function otherAccounts(sections: MySpaceSection[], personId: string, ownIds: string[]) {
  const awaiting = sections.flatMap((section, i) => {
    const summary = section.awaitingSummary?.(personId, sql.ref('o.id'));
    return summary ? [sql`${sql.lit(`a${i}`)}, (${summary})`] : [];
  });
  const day = new Date().toISOString().slice(0, 10);
  return sql`select coalesce(json_agg(json_build_object('id', o.id, 'name', a.name, 'kind', a.kind,
      'principal', o.principal,
      'mandate', case when o.principal then ${representedSql(sql`${personId}::uuid`, sql`o.id::text`)} end${sql.join(
        awaiting.map((pair) => sql`, ${pair}`),
        sql``,
      )})), '[]')
    from (select id, false as principal from unnest(${ownIds}::uuid[]) as id
      union select account_id, true from (${principalAccountsOf(personId, day)}) p) o
    left join accounts a on a.id = o.id`;
}

/**
 * "My space": every section of the account in use, the accounts the person acts for and what waits in
 * each of their other accounts, read in one statement. What waits in an account they act for is
 * counted as they would see it there: under the mandate in force, within its themes (the sections
 * then ask the policy, as they do for the account in use under a mandate).
 */
export async function renderMySpace(platform: Platform, c: RouteContext): Promise<Response> {
  const { db } = platform;
  const actor = loggedInPerson(c);
  // A personal account's page reads only its person's and accounts' data, so it is kept while those
  // do not change (ADR 32); a clerk's queues and a business's work are the authority's and its own.
  const keeps = actor.account.kind === 'personal' && actor.staffRoles.length === 0 && !actor.platformAdmin;
  const kept = keeps ? keptPage(c) : undefined;
  if (kept) return kept;
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
  // As the person acts in each other account: one of its people, or under the mandate in force there.
  const there = [
    ...own.map(
      (a): PersonActor => ({
        ...actor,
        account: { id: a.id, name: a.name, kind: a.kind, role: a.role },
        mandate: undefined,
      }),
    ),
    ...read.flatMap((o): PersonActor[] =>
      o.principal && o.mandate && !own.some((a) => a.id === o.id)
        ? [
            {
              ...actor,
              account: { id: o.id, name: o.name ?? '', kind: o.kind },
              mandate: { id: o.mandate.id, themes: o.mandate.themes },
            },
          ]
        : [],
    ),
  ].filter((a) => a.account.id !== actor.account.id);
  const others: OtherAccount[] = await Promise.all(
    there.map(async (a) => ({
      id: a.account.id,
      name: a.account.name,
      kind: a.mandate ? ('principal' as const) : a.account.kind,
      awaiting: (
        await Promise.all(sections.map((s, i) => s.awaiting(a, byId.get(a.account.id)?.[`a${i}`])))
      ).reduce((sum, n) => sum + n, 0),
    })),
  );
  return platform.render(
    c,
    { title: accountMessages.translator(c.var.locale)('mySpaceTitle'), keptForSession: keeps },
    <MySpacePage
      locale={c.var.locale}
      accountName={actor.account.name}
      underMandate={Boolean(actor.mandate)}
      sections={rendered}
      others={others}
    />,
  );
}
