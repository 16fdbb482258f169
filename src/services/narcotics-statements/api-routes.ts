import { z } from 'zod';
import { can } from '../../modules/policy/index.ts';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { apiRoute, created, ok } from '../../platform/http/api/api-route.ts';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { narcoticsAuthority } from './service-authority.ts';
import { checkRows, products, type StatementRow } from './statement-rows.ts';
import { recordRegisterStatement, statementById } from './statements.ts';

const line = z.object({
  patientCode: z.string().describe('The pseudonymised patient code (never a name), e.g. `VS-4821K7`.'),
  product: z.enum(products),
  strength: z.string().describe('e.g. `10 mg/ml`, `8 mg`'),
  prescriberGln: z.string().describe('The prescriber’s GLN (13 digits)'),
  doses: z.array(z.number().min(0)).max(31).describe('mg dispensed on each day of the month, from the 1st'),
});
const statement = z.object({
  id: z.uuid(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  pharmacy: z.object({ uid: z.string(), name: z.string() }),
  source: z.enum(['portal', 'register']),
  signedOffBy: z.string().nullable().describe('The responsible pharmacist who signed it off in the portal'),
  filedAt: z.iso.datetime({ offset: true }).nullable(),
  lines: z.array(line),
});
const recorded = z.object({ id: z.uuid(), created: z.boolean() });

/**
 * The receiving authority's application reads the statements filed in the portal (announced by the
 * `narcotics.statement_filed` event) and hands in the months it received otherwise, so that the
 * controls see every month.
 */
export function narcoticsApiRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  // Only the authority that receives the statements keeps them: another's key, scopes and all, would
  // otherwise hand in months the controls never see, under its own name.
  const allowed = async (
    actor: ApiClientActor,
    action: 'integration.readNarcoticsStatements' | 'integration.recordNarcoticsStatements',
  ) =>
    actor.authorityId === (await narcoticsAuthority(db)) &&
    (await can(db, actor, action, { type: 'authority', authorityId: actor.authorityId })).allowed;
  return [
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/narcotics-statements/:id',
      operationId: 'getNarcoticsStatement',
      summary: 'A pharmacy’s filed monthly narcotics statement',
      tag: 'Narcotics statements',
      scope: 'narcotics:read',
      object: 'decided',
      params: z.object({ id: z.uuid() }),
      responses: { 200: statement },
      errors: [404],
      async handle({ params, actor }) {
        const found = (await allowed(actor, 'integration.readNarcoticsStatements'))
          ? await statementById(db, actor.authorityId, params.id)
          : undefined;
        if (found?.status !== 'filed') throw notFound();
        return ok({
          id: found.id,
          month: found.month,
          pharmacy: { uid: found.pharmacyUid, name: found.pharmacyName },
          source: found.source,
          signedOffBy: found.signedOffName,
          filedAt: found.filedAt?.toISOString() ?? null,
          lines: found.rows as StatementRow[],
        });
      },
    }),
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/narcotics-statements',
      operationId: 'recordNarcoticsStatement',
      summary: 'Hand in a month the register received outside the portal',
      description:
        'A month already filed for this pharmacy is kept as it is (`created: false`). Lines are checked as in the portal; a problem answers 422 with each line’s problems.',
      tag: 'Narcotics statements',
      scope: 'narcotics:write',
      object: 'decided',
      body: z.object({
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
        pharmacy: z.object({ uid: z.string().regex(/^CHE\d{9}$/), name: z.string().min(1).max(200) }),
        lines: z.array(line).max(2000),
      }),
      responses: { 201: recorded },
      errors: [422],
      async handle({ body, actor }) {
        if (!(await allowed(actor, 'integration.recordNarcoticsStatements'))) throw notFound();
        const { rows, errors } = checkRows(
          body.month,
          body.lines.map((l) => ({ ...l, doses: l.doses.map(String) })),
        );
        if (errors.length > 0)
          throw new HttpError(422, 'invalid_lines', 'some lines are not valid', undefined, { errors });
        const result = await recordRegisterStatement(db, actor.id, {
          authorityId: actor.authorityId,
          pharmacyUid: body.pharmacy.uid,
          pharmacyName: body.pharmacy.name,
          month: body.month,
          rows,
        });
        return created(result);
      },
    }),
  ];
}
