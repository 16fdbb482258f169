import { type AccessVia, getAccount, recordAccess } from '../../modules/accounts/index.ts';
import { getOrganisation, getPerson } from '../../modules/identity/index.ts';
import { can } from '../../modules/policy/index.ts';
import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { notFound } from '../../platform/http/http-error.ts';

/**
 * The taxpayer whose tax account the account in use is: its holder's AVS number, or its organisation's
 * UID. Only if the policy lets the person consult that account on the "tax" theme — as its holder or
 * member, or under a tax mandate; anyone else gets a plain 404, so that nothing (not even whether
 * there is anything) is told about someone they may not see. (The tax file service has its own:
 * services share no code.)
 */
export async function consultableTaxpayer(db: Db, actor: PersonActor) {
  const decision = await can(db, actor, 'account.consult', {
    type: 'account',
    accountId: actor.account.id,
    theme: 'tax',
  });
  if (!decision.allowed) throw notFound();
  const account = await getAccount(db, actor.account.id);
  const holder = account?.person_id ? await getPerson(db, account.person_id) : undefined;
  const organisation = account?.organisation_id
    ? await getOrganisation(db, account.organisation_id)
    : undefined;
  const number = organisation?.uid ?? holder?.avs ?? null;
  /** Each look at the tax account is in the account's access log: who, on what right, what. */
  const logAccess = (action: string, subject: { id: string; label: string }) =>
    recordAccess(db, {
      accountId: actor.account.id,
      person: { id: actor.id, name: actor.displayName },
      via: decision.via as AccessVia,
      mandateId: decision.mandateId,
      action,
      subject: { type: 'taxAccount', ...subject },
    });
  return { number, logAccess };
}
