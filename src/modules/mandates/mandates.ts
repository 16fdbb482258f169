import type { Selectable } from 'kysely';
import { type AuditEvent, auditedTx } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { emitEvent } from '../../platform/events/emit-event.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import { accountHeldBy } from '../accounts/index.ts';
import { notify } from '../notifications/index.ts';
import type { MandatePermission, MandatesTables, MandateTheme } from './tables.ts';

export type Mandate = Selectable<MandatesTables['mandates']>;
export type Signature = 'single' | 'joint' | 'holder';
/**
 * Who a mandate waits for: a person by AVS number (normalised) and family name as typed, or an
 * organisation by UID (normalised) and its name in the commercial register.
 */
export type AwaitedAgent = { avs: string; name: string } | { uid: string; name: string };

export interface MandateTerms {
  principalAccountId: string;
  /** A person, an organisation's account, or a person who has never logged in (held until they do). */
  agent: { personId: string } | { accountId: string } | { awaited: AwaitedAgent };
  themes: MandateTheme[];
  permissions: MandatePermission[];
  validFrom: string;
  validTo?: string;
  mayDelegate?: boolean;
}

const mandates = (db: Db) => tablesOf<MandatesTables>(db);

/**
 * The principal's side agrees once the account holder (or an admin of a professional account whose
 * register entry gives single signature) approves, or two joint signatories do.
 */
export function approvalsSuffice(signatures: Signature[]): boolean {
  return (
    signatures.some((s) => s === 'holder' || s === 'single') ||
    signatures.filter((s) => s === 'joint').length >= 2
  );
}

/** The trace of a step, done on the principal's behalf. */
function step(
  actor: string,
  action: string,
  details: object = {},
): (mandate: Pick<Mandate, 'id' | 'principal_account_id'>) => AuditEvent {
  return (mandate) => ({
    actor: `person:${actor}`,
    onBehalfOf: `account:${mandate.principal_account_id}`,
    action,
    subjectType: 'mandate',
    subjectId: mandate.id,
    details: { ...details },
  });
}

/**
 * Both sides hear of every step: the agent of what awaits their answer or what changed for them, the
 * principal's people of requests to approve and of answers. Sent with the step's own transaction.
 */
export async function tell(
  tx: Db,
  side: 'agent' | 'principal',
  mandate: Mandate,
  event: 'mandateToApprove' | 'mandateChanged',
  step: string,
) {
  const source = `mandate:${mandate.id}:${step}`;
  const link = '/mandates';
  if (side === 'principal') {
    await notify(tx, { event, accountId: mandate.principal_account_id, authorityId: null, link, source });
    return;
  }
  if (mandate.agent_account_id) {
    await notify(tx, { event, accountId: mandate.agent_account_id, authorityId: null, link, source });
    return;
  }
  // An awaited agent has no account yet: they hear of it when their first login binds it to them.
  const personId = mandate.agent_person_id;
  if (!personId) return;
  const accountId = await accountHeldBy(tx, { personId });
  if (accountId) await notify(tx, { event, accountId, authorityId: null, link, source, people: [personId] });
}

async function insert(
  tx: Db,
  terms: MandateTerms,
  extra: { state: Mandate['state']; initiated_by: Mandate['initiated_by']; parent_id?: string },
) {
  return mandates(tx)
    .insertInto('mandates')
    .values({
      principal_account_id: terms.principalAccountId,
      agent_person_id: 'personId' in terms.agent ? terms.agent.personId : null,
      agent_account_id: 'accountId' in terms.agent ? terms.agent.accountId : null,
      awaited_avs: 'awaited' in terms.agent && 'avs' in terms.agent.awaited ? terms.agent.awaited.avs : null,
      awaited_uid: 'awaited' in terms.agent && 'uid' in terms.agent.awaited ? terms.agent.awaited.uid : null,
      awaited_name: 'awaited' in terms.agent ? terms.agent.awaited.name.trim() : null,
      themes: terms.themes,
      permissions: terms.permissions,
      valid_from: terms.validFrom,
      valid_to: terms.validTo ?? null,
      may_delegate: terms.mayDelegate ?? false,
      parent_id: extra.parent_id ?? null,
      state: extra.state,
      initiated_by: extra.initiated_by,
      decided_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The principal's side grants: the agent still accepts or declines. */
export async function proposeMandate(
  db: Db,
  byPersonId: string,
  signature: Signature,
  terms: MandateTerms,
): Promise<Mandate> {
  return db.transaction().execute(async (tx) => {
    const proposed = step(byPersonId, 'mandate.propose', {
      themes: terms.themes,
      permissions: terms.permissions,
    });
    const mandate = await auditedTx(tx, proposed, async (tx) => {
      const mandate = await insert(tx, terms, { state: 'proposed', initiated_by: 'principal' });
      await mandates(tx)
        .insertInto('mandate_approvals')
        .values({ mandate_id: mandate.id, person_id: byPersonId, signature })
        .execute();
      return mandate;
    });
    // A joint signature first waits for the other signatory; otherwise the agent may answer now.
    if (approvalsSuffice([signature])) await tell(tx, 'agent', mandate, 'mandateToApprove', 'proposed');
    else await tell(tx, 'principal', mandate, 'mandateToApprove', 'cosign');
    return mandate;
  });
}

/** The agent asks: the principal's side approves (with the signatures its register entry requires). */
export async function requestMandate(db: Db, agentPersonId: string, terms: MandateTerms): Promise<Mandate> {
  return db.transaction().execute(async (tx) => {
    const mandate = await auditedTx(
      tx,
      step(agentPersonId, 'mandate.request', { themes: terms.themes }),
      (tx) => insert(tx, terms, { state: 'requested', initiated_by: 'agent' }),
    );
    await tell(tx, 'principal', mandate, 'mandateToApprove', 'requested');
    return mandate;
  });
}

async function lockMandate(tx: Db, mandateId: string): Promise<Mandate> {
  const mandate = await mandates(tx)
    .selectFrom('mandates')
    .selectAll()
    .where('id', '=', mandateId)
    .forUpdate()
    .executeTakeFirst();
  if (!mandate) throw new HttpError(404, 'not_found');
  return mandate;
}

async function setState(tx: Db, mandate: Mandate, state: Mandate['state']) {
  await mandates(tx)
    .updateTable('mandates')
    .set({ state, decided_at: new Date() })
    .where('id', '=', mandate.id)
    .execute();
}

/**
 * One signatory of the principal's side approves. A requested mandate becomes active once the
 * approvals suffice; a proposed one becomes acceptable to the agent.
 */
export async function approveMandate(
  db: Db,
  personId: string,
  signature: Signature,
  mandateId: string,
): Promise<Mandate['state']> {
  return db.transaction().execute(async (tx) => {
    const mandate = await lockMandate(tx, mandateId);
    if (mandate.state !== 'requested' && mandate.state !== 'proposed')
      throw new HttpError(409, 'mandate_closed');
    const complete = await auditedTx(
      tx,
      step(personId, 'mandate.approve', { signature })(mandate),
      async (tx) => {
        await mandates(tx)
          .insertInto('mandate_approvals')
          .values({ mandate_id: mandateId, person_id: personId, signature })
          .onConflict((oc) => oc.columns(['mandate_id', 'person_id']).doNothing())
          .execute();
        const complete = approvalsSuffice(await signaturesOf(tx, mandateId));
        if (mandate.state === 'requested' && complete) await setState(tx, mandate, 'active');
        return complete;
      },
    );
    if (mandate.state === 'requested' && complete) {
      await tell(tx, 'agent', mandate, 'mandateChanged', 'active');
      return 'active';
    }
    if (mandate.state === 'proposed' && complete)
      await tell(tx, 'agent', mandate, 'mandateToApprove', 'proposed');
    return mandate.state;
  });
}

export async function signaturesOf(db: Db, mandateId: string): Promise<Signature[]> {
  const rows = await mandates(db)
    .selectFrom('mandate_approvals')
    .select('signature')
    .where('mandate_id', '=', mandateId)
    .execute();
  return rows.map((r) => r.signature);
}

/** The agent accepts a proposed mandate, once the principal's side has fully approved it. */
export async function acceptMandate(db: Db, agentPersonId: string, mandateId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const mandate = await lockMandate(tx, mandateId);
    if (mandate.state !== 'proposed') throw new HttpError(409, 'mandate_closed');
    if (!approvalsSuffice(await signaturesOf(tx, mandateId)))
      throw new HttpError(409, 'mandate_awaits_signatures');
    await auditedTx(tx, step(agentPersonId, 'mandate.accept')(mandate), (tx) =>
      setState(tx, mandate, 'active'),
    );
    await tell(tx, 'principal', mandate, 'mandateChanged', 'accepted');
  });
}

/** Closes a mandate: declined (before it started), revoked by the principal, given up by the agent. */
export async function closeMandate(
  db: Db,
  personId: string,
  mandateId: string,
  outcome: 'declined' | 'revoked' | 'given_up',
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const mandate = await lockMandate(tx, mandateId);
    const open = outcome === 'declined' ? ['requested', 'proposed'] : ['active', 'requested', 'proposed'];
    if (!open.includes(mandate.state)) throw new HttpError(409, 'mandate_closed');
    await auditedTx(tx, step(personId, `mandate.${outcome}`)(mandate), (tx) =>
      setState(tx, mandate, outcome),
    );
    // The other side hears of it: a principal's refusal or revocation reaches the agent, and the reverse.
    const byAgent = outcome === 'given_up' || (outcome === 'declined' && mandate.state === 'proposed');
    await tell(tx, byAgent ? 'principal' : 'agent', mandate, 'mandateChanged', outcome);
    if (mandate.state === 'active')
      await emitEvent(tx, {
        type: 'mandate.revoked',
        authorityId: null,
        subject: `mandate:${mandate.id}`,
        data: {
          mandate: {
            id: mandate.id,
            themes: mandate.themes,
            by: outcome === 'revoked' ? 'principal' : 'agent',
          },
        },
      });
  });
}

/**
 * An agent organisation (or a person with the right to grant) passes a mandate on, within its terms:
 * same principal, no theme or permission it did not receive, never beyond its end date.
 */
export async function delegateMandate(
  db: Db,
  byPersonId: string,
  parentId: string,
  terms: Omit<MandateTerms, 'principalAccountId'>,
): Promise<Mandate> {
  return db.transaction().execute(async (tx) => {
    const parent = await lockMandate(tx, parentId);
    if (parent.state !== 'active' || !parent.may_delegate) throw new HttpError(403, 'no_right_to_grant');
    const within =
      terms.themes.every((t) => parent.themes.includes(t)) &&
      terms.permissions.every((p) => parent.permissions.includes(p));
    const validTo = terms.validTo ?? parent.valid_to ?? undefined;
    if (!within || (parent.valid_to && validTo && validTo > parent.valid_to))
      throw new HttpError(422, 'beyond_parent_mandate');
    // Assigning to one's own people is complete at once; to anyone else it waits for their acceptance.
    const state = 'personId' in terms.agent && parent.agent_account_id ? 'active' : 'proposed';
    const mandate = await auditedTx(tx, step(byPersonId, 'mandate.delegate', { parentId }), async (tx) => {
      const mandate = await insert(
        tx,
        { ...terms, validTo, principalAccountId: parent.principal_account_id },
        { state, initiated_by: 'principal', parent_id: parent.id },
      );
      await mandates(tx)
        .insertInto('mandate_approvals')
        .values({ mandate_id: mandate.id, person_id: byPersonId, signature: 'holder' })
        .execute();
      return mandate;
    });
    await tell(tx, 'agent', mandate, state === 'active' ? 'mandateChanged' : 'mandateToApprove', 'delegated');
    return mandate;
  });
}

export async function getMandate(db: Db, mandateId: string): Promise<Mandate | undefined> {
  return mandates(db).selectFrom('mandates').selectAll().where('id', '=', mandateId).executeTakeFirst();
}

/** Mandates given by an account, or received by a person or by an organisation's account, newest first. */
export async function listMandates(
  db: Db,
  by: { principalAccountId: string } | { agentPersonId: string } | { agentAccountId: string },
): Promise<Mandate[]> {
  const query = mandates(db).selectFrom('mandates').selectAll().orderBy('created_at', 'desc');
  return (
    'principalAccountId' in by
      ? query.where('principal_account_id', '=', by.principalAccountId)
      : 'agentPersonId' in by
        ? query.where('agent_person_id', '=', by.agentPersonId)
        : query.where('agent_account_id', '=', by.agentAccountId)
  ).execute();
}

/** The people who signed a mandate on the principal's side. */
export async function approversOf(db: Db, mandateId: string): Promise<string[]> {
  const rows = await mandates(db)
    .selectFrom('mandate_approvals')
    .select('person_id')
    .where('mandate_id', '=', mandateId)
    .execute();
  return rows.map((r) => r.person_id);
}
