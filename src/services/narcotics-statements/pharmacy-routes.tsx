import { can } from '../../modules/policy/index.ts';
import { csvResponse } from '../../platform/http/csv.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { readUploads, refusalMessage } from '../../platform/uploads/index.ts';
import { previousMonth } from './controls.ts';
import { narcoticsMessages } from './messages.ts';
import { nameResponsible, pharmacyOf, possibleResponsibles, responsibleOf } from './pharmacies.ts';
import { postedRows } from './posted-rows.ts';
import { monthOf, narcoticsAuthority } from './service-authority.ts';
import {
  parseCsv,
  parseXlsx,
  templateCsvLines,
  templateHeader,
  templateXlsx,
  UnreadableSpreadsheet,
} from './spreadsheet.ts';
import { checkRows, isBlank, type RawRow } from './statement-rows.ts';
import {
  fileStatement,
  linesOfPreviousMonth,
  StatementFiled,
  saveDraft,
  statementFor,
  statementsOfPharmacy,
} from './statements.ts';
import { monthName } from './views/labels.ts';
import { NotPharmacyPage, PharmacyPage } from './views/pharmacy-page.tsx';
import { StatementPage, type StatementPageProps, withEmptyLines } from './views/statement-page.tsx';

const monthPath = '/narcotics/:month';
const maxSpreadsheetBytes = 4 * 1024 * 1024;

/** How the template shows a line: a made-up code, methadone every day. */
const exampleLines: RawRow[] = [
  {
    patientCode: 'VS-4821K7',
    product: 'methadone',
    strength: '10 mg/ml',
    prescriberGln: '7601000000002',
    doses: Array.from({ length: 31 }, () => '60'),
  },
];

/** The pharmacy's side: its months, the entry table, the import, filing and sign-off. */
export function pharmacyRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The pharmacy in use and the receiving authority, if the actor may do `action` for it. */
  async function pharmacyContext(c: RouteContext, action: 'account.consult' | 'account.submit') {
    const actor = loggedInPerson(c);
    const resource = { type: 'account' as const, accountId: actor.account.id, theme: 'narcotics' as const };
    const allowed = (await can(db, actor, action, resource)).allowed;
    const authorityId = await narcoticsAuthority(db);
    const pharmacy = allowed ? await pharmacyOf(db, actor.account.id) : undefined;
    return { actor, authorityId, pharmacy };
  }

  /** A month that may be entered: this one or one before it. */
  function monthParam(c: RouteContext): string {
    const month = c.req.param('month') ?? '';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month > monthOf(platform.now())) throw notFound();
    return month;
  }

  async function renderStatement(
    c: RouteContext,
    month: string,
    extra: Partial<StatementPageProps> & { status?: 200 | 409 | 422 } = {},
  ) {
    const { actor, authorityId, pharmacy } = await pharmacyContext(c, 'account.consult');
    if (!pharmacy || !authorityId) throw notFound();
    const t = narcoticsMessages.translator(c.var.locale);
    const statement = await statementFor(db, authorityId, pharmacy.uid, month);
    const draftRows = statement && statement.status !== 'filed' ? (statement.rows as RawRow[]) : [];
    const rows = extra.rows ?? draftRows;
    const responsible = await responsibleOf(db, pharmacy.accountId);
    const mayFile =
      Boolean(responsible) &&
      (
        await can(db, actor, 'account.submit', {
          type: 'account',
          accountId: actor.account.id,
          theme: 'narcotics',
        })
      ).allowed;
    const { status, ...props } = extra;
    return platform.render(
      c,
      { title: t('statementTitle', { month: monthName(c.var.locale, month) }), status: status ?? 200 },
      <StatementPage
        locale={c.var.locale}
        month={month}
        base={`/narcotics/${month}`}
        statement={statement}
        errors={checkRows(month, rows).errors}
        mayFile={mayFile}
        responsible={responsible === actor.id}
        {...props}
        rows={rows}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/narcotics/template.xlsx',
      access: 'anonymous',
      object: { none: 'the same empty template for every pharmacy' },
      async handler(c) {
        c.header('Content-Disposition', 'attachment; filename="etat-stupefiants-modele.xlsx"');
        return c.body(new Uint8Array(await templateXlsx(exampleLines)), 200, {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        });
      },
    },
    {
      method: 'GET',
      path: '/narcotics/template.csv',
      access: 'anonymous',
      object: { none: 'the same empty template for every pharmacy' },
      handler: (c) =>
        csvResponse(c, 'etat-stupefiants-modele.csv', templateHeader, templateCsvLines(exampleLines), {
          spreadsheet: true,
        }),
    },
    {
      method: 'GET',
      path: '/narcotics',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { actor, authorityId, pharmacy } = await pharmacyContext(c, 'account.consult');
        const t = narcoticsMessages.translator(c.var.locale);
        if (!pharmacy || !authorityId)
          return platform.render(c, { title: t('title') }, <NotPharmacyPage locale={c.var.locale} />);
        const known = await statementsOfPharmacy(db, authorityId, pharmacy.uid);
        const months = [monthOf(platform.now())];
        while (months.length < 7) months.push(previousMonth(months[months.length - 1] ?? ''));
        const responsibleId = await responsibleOf(db, pharmacy.accountId);
        const candidates = await possibleResponsibles(db, pharmacy.accountId, platform.now());
        const manages = (
          await can(db, actor, 'account.manage', { type: 'account', accountId: pharmacy.accountId })
        ).allowed;
        const responsible = candidates.find((p) => p.personId === responsibleId);
        return platform.render(
          c,
          { title: t('title') },
          <PharmacyPage
            locale={c.var.locale}
            pharmacyName={pharmacy.name}
            months={months.map((month) => ({ month, statement: known.find((s) => s.month === month) }))}
            responsible={responsible}
            candidates={manages ? candidates : undefined}
            currentResponsibleId={responsibleId}
            notice={c.req.query('named') ? t('responsibleSaved') : undefined}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/narcotics/responsible',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        const accountId = actor.account.id;
        const manages = (await can(db, actor, 'account.manage', { type: 'account', accountId })).allowed;
        const form = await c.req.parseBody();
        const personId = String(form.personId ?? '');
        const candidates = await possibleResponsibles(db, accountId, platform.now());
        if (
          !manages ||
          !(await pharmacyOf(db, accountId)) ||
          !candidates.some((p) => p.personId === personId)
        )
          throw notFound();
        await nameResponsible(db, actor.id, accountId, personId);
        return c.redirect('/narcotics?named=1', 303);
      },
    },
    {
      method: 'GET',
      path: monthPath,
      access: 'person',
      object: 'decided',
      async handler(c) {
        const month = monthParam(c);
        const t = narcoticsMessages.translator(c.var.locale);
        const q = (name: string) => c.req.query(name);
        const notice = q('imported')
          ? t('imported', { count: Number(q('imported')) })
          : q('copied')
            ? t('copied', { count: Number(q('copied')) })
            : q('saved')
              ? t('saved')
              : q('filed')
                ? t('filed', { month: monthName(c.var.locale, month) })
                : undefined;
        const extra = Math.min(Number(q('extra')) || 0, 50);
        if (extra === 0) return renderStatement(c, month, { notice });
        const { authorityId, pharmacy } = await pharmacyContext(c, 'account.consult');
        const statement =
          authorityId && pharmacy && (await statementFor(db, authorityId, pharmacy.uid, month));
        const rows = statement && statement.status !== 'filed' ? (statement.rows as RawRow[]) : [];
        return renderStatement(c, month, { notice, rows: withEmptyLines(rows, extra) });
      },
    },
    {
      method: 'POST',
      path: monthPath,
      access: 'person',
      object: 'decided',
      maxBodyBytes: 8 * 1024 * 1024,
      async handler(c) {
        const month = monthParam(c);
        const { actor, authorityId, pharmacy } = await pharmacyContext(c, 'account.submit');
        if (!pharmacy || !authorityId) throw notFound();
        const form = await c.req.parseBody();
        const rows = postedRows(form).filter((row) => !isBlank(row));
        const filer = { personId: actor.id, name: actor.displayName };
        const base = `/narcotics/${month}`;
        try {
          switch (form.action) {
            case 'add':
              await saveDraft(db, filer, { authorityId, pharmacy, month, rows });
              return c.redirect(`${base}?extra=8`, 303);
            case 'copy': {
              const previous = await linesOfPreviousMonth(db, authorityId, pharmacy.uid, month);
              const typed = new Set(rows.map((r) => `${r.patientCode.trim().toUpperCase()} ${r.product}`));
              const added = previous.filter((r) => !typed.has(`${r.patientCode} ${r.product}`));
              await saveDraft(db, filer, { authorityId, pharmacy, month, rows: [...rows, ...added] });
              return c.redirect(`${base}?copied=${added.length}`, 303);
            }
            case 'file': {
              const responsible = (await responsibleOf(db, pharmacy.accountId)) === actor.id;
              const outcome = await fileStatement(
                db,
                { ...filer, responsible },
                {
                  authorityId,
                  pharmacy,
                  month,
                  rows,
                },
              );
              if (outcome.outcome === 'problems') {
                // What was typed is kept, problems and all, before they are shown.
                await saveDraft(db, filer, { authorityId, pharmacy, month, rows });
                return renderStatement(c, month, { rows, status: 422 });
              }
              return c.redirect(`${base}?${outcome.outcome === 'filed' ? 'filed' : 'saved'}=1`, 303);
            }
            default:
              await saveDraft(db, filer, { authorityId, pharmacy, month, rows });
              return c.redirect(`${base}?saved=1`, 303);
          }
        } catch (error) {
          if (!(error instanceof StatementFiled)) throw error;
          const t = narcoticsMessages.translator(c.var.locale);
          return renderStatement(c, month, { notice: t('alreadyFiled'), status: 409 });
        }
      },
    },
    {
      method: 'POST',
      path: `${monthPath}/import`,
      access: 'person',
      object: 'decided',
      uploads: true,
      maxBodyBytes: maxSpreadsheetBytes + 64 * 1024,
      async handler(c) {
        const month = monthParam(c);
        const { actor, authorityId, pharmacy } = await pharmacyContext(c, 'account.submit');
        if (!pharmacy || !authorityId) throw notFound();
        const t = narcoticsMessages.translator(c.var.locale);
        const read = await readUploads(c, {
          maxBytes: maxSpreadsheetBytes,
          maxFiles: 1,
          accepted: ['xlsx', 'csv'],
        });
        if ('refused' in read)
          return renderStatement(c, month, {
            importError: refusalMessage(read.refused, c.var.locale),
            status: 422,
          });
        const file = read.files[0];
        if (!file) return renderStatement(c, month, { importError: t('importFileMissing'), status: 422 });
        let rows: RawRow[];
        try {
          rows = file.kind === 'xlsx' ? await parseXlsx(file.bytes) : parseCsv(file.bytes);
        } catch (error) {
          if (!(error instanceof UnreadableSpreadsheet)) throw error;
          return renderStatement(c, month, {
            importError: t('importUnreadable', { detail: error.message }),
            status: 422,
          });
        }
        try {
          await saveDraft(
            db,
            { personId: actor.id, name: actor.displayName },
            {
              authorityId,
              pharmacy,
              month,
              rows,
            },
          );
        } catch (error) {
          if (!(error instanceof StatementFiled)) throw error;
          return renderStatement(c, month, { notice: t('alreadyFiled'), status: 409 });
        }
        return c.redirect(`/narcotics/${month}?imported=${rows.filter((r) => !isBlank(r)).length}`, 303);
      },
    },
  ];
}
