import { csvResponse } from '../../platform/http/csv.ts';
import { notFound } from '../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import { toIsoDate } from '../../platform/i18n/swiss-date.ts';
import type { Platform } from '../../platform/module.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { bankMessages } from './bank-messages.ts';
import { dailyStatement, statementJson } from './ledger-statement.ts';
import { statementCsv } from './ledger-statement-csv.ts';
import { StatementPage, swissDay } from './views/statement-page.tsx';

/** Today in Swiss time, as YYYY-MM-DD. */
const swissToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich' }).format(now);

/** An authority's daily statement: the page, its CSV for spreadsheets and its JSON for accounting software. */
export function statementRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function asked(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = { type: 'authority' as const, authorityId: authority?.id ?? '' };
    if (!authority || !(await can(db, c.var.actor, 'authority.viewPayments', resource)).allowed)
      throw notFound();
    const typed = c.req.query('date') ?? '';
    const date = typed ? toIsoDate(typed) : swissToday(platform.now());
    return { authority, typed, date };
  }

  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/payment-statement',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, typed, date } = await asked(c);
        const t = bankMessages.translator(c.var.locale);
        const authorityName = pick(authority.names, c.var.locale, authority.languages);
        const statement = date ? await dailyStatement(db, authority.id, date) : undefined;
        const errors = date ? [] : [{ field: 'date', message: t('dateInvalid') }];
        return platform.render(
          c,
          {
            title: t('statementTitle', { date: date ? swissDay(date) : typed, authority: authorityName }),
            status: errors.length > 0 ? 422 : 200,
          },
          <StatementPage
            locale={c.var.locale}
            authorityName={authorityName}
            action={`/back-office/authorities/${authority.slug}/payment-statement`}
            typedDate={date ? swissDay(date) : typed}
            errors={errors}
            statement={statement}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/payment-statement.csv',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, date } = await asked(c);
        if (!date) throw notFound();
        const { header, rows } = statementCsv(await dailyStatement(db, authority.id, date), c.var.locale);
        return csvResponse(c, `statement-${authority.slug}-${date}.csv`, header, rows, { spreadsheet: true });
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/payment-statement.json',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, date } = await asked(c);
        if (!date) throw notFound();
        c.header('Content-Disposition', `attachment; filename="statement-${authority.slug}-${date}.json"`);
        return c.json(statementJson(await dailyStatement(db, authority.id, date), authority));
      },
    },
  ];
}
