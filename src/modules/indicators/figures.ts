import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';

/** A span of whole months, `2026-11` to `2026-12` inclusive, counted in Swiss time. */
export interface Period {
  from: string;
  to: string;
}

/** What the cockpit shows for one group (a service in a month, or an authority over the period). */
export interface Figures {
  views: number;
  started: number;
  completed: number;
  /** Journeys begun and left unsent for a week or more. */
  abandoned: number;
  submitted: number;
  online: number;
  staff: number;
  decided: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  paid: number;
  paidCents: number;
  documentsOpened: number;
  ratings: number;
  ratingMean: number | null;
}

export interface ServiceMonth extends Figures {
  /** `2026-11` */
  month: string;
  formId: string | null;
}

/** How long a journey must have been left before it counts as abandoned rather than under way. */
export const abandonedAfterDays = 7;

const zone = 'Europe/Zurich';
const startOf = (month: string) => sql`(${`${month}-01`}::timestamp at time zone ${zone})`;
const endOf = (month: string) =>
  sql`((${`${month}-01`}::timestamp + interval '1 month') at time zone ${zone})`;
const monthOf = (column: string) => sql`to_char(${sql.ref(column)} at time zone ${sql.lit(zone)}, 'YYYY-MM')`;

export const emptyFigures = (): Figures => ({
  views: 0,
  started: 0,
  completed: 0,
  abandoned: 0,
  submitted: 0,
  online: 0,
  staff: 0,
  decided: 0,
  medianSeconds: null,
  p90Seconds: null,
  paid: 0,
  paidCents: 0,
  documentsOpened: 0,
  ratings: 0,
  ratingMean: null,
});

type Row = Record<string, string | number | null | undefined>;
const num = (value: string | number | null | undefined) =>
  value === null || value === undefined ? 0 : Number(value);
const maybe = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

/** How figures are grouped: always by authority, then by month and/or service as asked. */
export type Grouping = 'authority' | 'month' | 'service' | 'service-month';
const columnsOf: Record<Grouping, ('month' | 'form_id')[]> = {
  authority: [],
  month: ['month'],
  service: ['form_id'],
  'service-month': ['month', 'form_id'],
};

/** One group's figures, with what it is grouped by. */
export interface GroupFigures extends Figures {
  authorityId: string;
  month: string | null;
  formId: string | null;
}

/**
 * The indicators of the given authorities over a period (of one service, if asked), grouped as
 * asked: one query per source (events, abandoned journeys, satisfaction), merged by group.
 *
 * @example await indicatorsBy(db, { authorityIds: [sionId], period: { from: '2026-11', to: '2026-11' }, by: 'service' }, now)
 */
export async function indicatorsBy(
  db: Db,
  query: { authorityIds: string[]; period: Period; by: Grouping; formId?: string },
  now: Date,
): Promise<GroupFigures[]> {
  const { authorityIds, period, by } = query;
  if (authorityIds.length === 0) return [];
  const columns = columnsOf[by];
  const keys = (time: string) =>
    sql.join([
      sql`authority_id`,
      ...columns.map((c) => (c === 'month' ? sql`${monthOf(time)} as month` : sql`form_id`)),
    ]);
  const groupBy = sql.raw(['1', ...columns.map((_, i) => String(i + 2))].join(', '));
  const within = (column: string) =>
    sql`authority_id in (${sql.join(authorityIds)})
      and ${sql.ref(column)} >= ${startOf(period.from)} and ${sql.ref(column)} < ${endOf(period.to)}
      ${query.formId ? sql`and form_id = ${query.formId}` : sql``}`;
  const lastWeek = sql`${now}::timestamptz - make_interval(days => ${abandonedAfterDays})`;
  const events = await sql<Row>`
    select ${keys('occurred_at')},
      count(*) filter (where kind = 'page_viewed') as views,
      count(distinct link) filter (where kind = 'form_started') as started,
      count(distinct link) filter (where kind = 'form_completed') as completed,
      count(*) filter (where kind = 'submitted') as submitted,
      count(*) filter (where kind = 'submitted' and channel = 'online') as online,
      count(*) filter (where kind = 'submitted' and channel = 'staff') as staff,
      count(*) filter (where kind = 'decided') as decided,
      percentile_cont(0.5) within group (order by seconds) filter (where kind = 'decided') as median_seconds,
      percentile_cont(0.9) within group (order by seconds) filter (where kind = 'decided') as p90_seconds,
      count(*) filter (where kind = 'paid') as paid,
      coalesce(sum(amount_cents) filter (where kind = 'paid'), 0) as paid_cents,
      count(*) filter (where kind = 'document_opened') as documents_opened
    from indicator_events
    where ${within('occurred_at')}
    group by ${groupBy}`.execute(db);
  const abandoned = await sql<Row>`
    select ${keys('occurred_at')}, count(*) as abandoned
    from indicator_events s
    where kind = 'form_started' and ${within('occurred_at')}
      and not exists (select 1 from indicator_events c where c.link = s.link and c.kind = 'form_completed')
      and not exists (select 1 from indicator_events l where l.link = s.link and l.occurred_at > ${lastWeek})
    group by ${groupBy}`.execute(db);
  const ratings = await sql<Row>`
    select ${keys('answered_at')}, count(*) as ratings, avg(rating) as rating_mean
    from satisfaction_answers
    where ${within('answered_at')}
    group by ${groupBy}`.execute(db);

  const groups = new Map<string, GroupFigures>();
  const at = (row: Row) => {
    const found = {
      authorityId: String(row.authority_id),
      month: row.month === undefined || row.month === null ? null : String(row.month),
      formId: row.form_id === undefined || row.form_id === null ? null : String(row.form_id),
    };
    const key = `${found.authorityId} ${found.month} ${found.formId}`;
    const group = groups.get(key) ?? { ...emptyFigures(), ...found };
    groups.set(key, group);
    return group;
  };
  for (const row of events.rows)
    Object.assign(at(row), {
      views: num(row.views),
      started: num(row.started),
      completed: num(row.completed),
      submitted: num(row.submitted),
      online: num(row.online),
      staff: num(row.staff),
      decided: num(row.decided),
      medianSeconds: maybe(row.median_seconds),
      p90Seconds: maybe(row.p90_seconds),
      paid: num(row.paid),
      paidCents: num(row.paid_cents),
      documentsOpened: num(row.documents_opened),
    });
  for (const row of abandoned.rows) at(row).abandoned = num(row.abandoned);
  for (const row of ratings.rows)
    Object.assign(at(row), { ratings: num(row.ratings), ratingMean: maybe(row.rating_mean) });
  return [...groups.values()].sort(
    (a, b) =>
      String(a.month).localeCompare(String(b.month)) || String(a.formId).localeCompare(String(b.formId)),
  );
}

/** An authority's indicators per service and month, in month order. */
export async function serviceMonths(
  db: Db,
  authorityId: string,
  period: Period,
  now: Date,
): Promise<ServiceMonth[]> {
  const rows = await indicatorsBy(db, { authorityIds: [authorityId], period, by: 'service-month' }, now);
  return rows.map(({ authorityId: _, ...row }) => ({ ...row, month: String(row.month) }));
}

/** Where abandoned journeys stopped: how many left at each step, per service. */
export async function abandonmentSteps(db: Db, authorityId: string, period: Period, now: Date) {
  const rows = await sql<{ form_id: string; step: number; count: string }>`
    select s.form_id, coalesce((select max(r.step) from indicator_events r
      where r.link = s.link and r.kind = 'step_reached'), 1) as step, count(*) as count
    from indicator_events s
    where s.kind = 'form_started' and s.authority_id = ${authorityId}
      and s.occurred_at >= ${startOf(period.from)} and s.occurred_at < ${endOf(period.to)}
      and not exists (select 1 from indicator_events c where c.link = s.link and c.kind = 'form_completed')
      and not exists (select 1 from indicator_events l where l.link = s.link
        and l.occurred_at > ${now}::timestamptz - make_interval(days => ${abandonedAfterDays}))
    group by 1, 2 order by 1, 2`.execute(db);
  return rows.rows.map((r) => ({ formId: r.form_id, step: Number(r.step), count: Number(r.count) }));
}

/** Requests still undecided past the date the authority should have decided by, per service, now. */
export async function overdueNow(db: Db, authorityId: string, now: Date) {
  const rows = await sql<{ form_id: string; count: string }>`
    select form_id, count(*) as count from indicator_events s
    where kind = 'submitted' and authority_id = ${authorityId} and due_at < ${now}
      and not exists (select 1 from indicator_events d where d.link = s.link and d.kind in ('decided', 'ended'))
    group by form_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.form_id, Number(r.count)]));
}
