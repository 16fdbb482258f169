import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { toIsoDate } from '../../platform/i18n/swiss-date.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { getAccount, listAccountsOf } from '../accounts/index.ts';
import {
  commercialRegisterClient,
  formatAvs,
  formatUid,
  getOrganisation,
  getPerson,
  personName,
  registeredSignature,
} from '../identity/index.ts';
import { can } from '../policy/index.ts';
import { findAgent } from './find-agent.ts';
import { getMandateOfParty } from './get-mandate.ts';
import {
  acceptMandate,
  approvalsSuffice,
  approveMandate,
  approversOf,
  closeMandate,
  listMandates,
  type Mandate,
  proposeMandate,
  type Signature,
  signaturesOf,
} from './mandates.ts';
import { mandateMessages } from './messages.ts';
import { isMandateTheme, type MandatePermission, mandatePermissions } from './tables.ts';
import { type MandateRow, MandatesPage } from './views/mandates-page.tsx';
import { RevokePage } from './views/revoke-page.tsx';

/** Giving, answering and revoking mandates; acting under one happens through the account switch. */
export function mandateRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const register = commercialRegisterClient(platform.config.commercialRegisterUrl);

  /**
   * How the person signs for the account: its holder for a personal account; for an organisation's,
   * as the commercial register says (single or joint), or not at all.
   */
  async function signatureFor(personId: string, accountId: string): Promise<Signature | undefined> {
    const account = await getAccount(db, accountId);
    if (account?.kind === 'personal') return 'holder';
    const organisation = account?.organisation_id
      ? await getOrganisation(db, account.organisation_id)
      : undefined;
    const signer = await getPerson(db, personId);
    return organisation && signer ? registeredSignature(register, organisation.uid, signer.avs) : undefined;
  }

  async function rows(list: Mandate[], side: 'agent' | 'principal', viewerId: string): Promise<MandateRow[]> {
    return Promise.all(
      list.map(async (mandate) => {
        const open = mandate.state === 'proposed' || mandate.state === 'requested';
        const awaitingSignatures = open && !approvalsSuffice(await signaturesOf(db, mandate.id));
        const status = {
          awaitingSignatures,
          canCosign: awaitingSignatures && !(await approversOf(db, mandate.id)).includes(viewerId),
        };
        if (side === 'agent' && mandate.awaited_name) {
          const name = mandate.awaited_name;
          const number = mandate.awaited_avs
            ? formatAvs(mandate.awaited_avs)
            : formatUid(mandate.awaited_uid ?? '');
          return { mandate, ...status, awaitedName: name, counterpart: `${name} (${number})` };
        }
        if (side === 'agent') {
          const agent = mandate.agent_person_id ? await getPerson(db, mandate.agent_person_id) : undefined;
          const firm = mandate.agent_account_id ? await getAccount(db, mandate.agent_account_id) : undefined;
          return { mandate, ...status, counterpart: agent ? personName(agent) : (firm?.name ?? '—') };
        }
        return {
          mandate,
          ...status,
          counterpart: (await getAccount(db, mandate.principal_account_id))?.name ?? '—',
        };
      }),
    );
  }

  async function page(
    c: RouteContext,
    form: { errors: FieldError[]; values: Record<string, string | string[]> } = { errors: [], values: {} },
  ) {
    const actor = loggedInPerson(c);
    const t = mandateMessages.translator(c.var.locale);
    const manages = (await can(db, actor, 'account.manage', { type: 'account', accountId: actor.account.id }))
      .allowed;
    return platform.render(
      c,
      { title: t('mandatesTitle'), status: form.errors.length > 0 ? 422 : 200 },
      <MandatesPage
        locale={c.var.locale}
        accountName={actor.account.name}
        canGrant={manages}
        given={
          manages
            ? await rows(await listMandates(db, { principalAccountId: actor.account.id }), 'agent', actor.id)
            : undefined
        }
        received={
          await rows(
            [
              ...(await listMandates(db, { agentPersonId: actor.id })),
              // An organisation's admins answer for the mandates given to it.
              ...(manages && actor.account.kind === 'professional'
                ? await listMandates(db, { agentAccountId: actor.account.id })
                : []),
            ],
            'principal',
            actor.id,
          )
        }
        errors={form.errors}
        values={form.values}
        granted={
          ({ '1': 'proposed', awaited: 'awaited' } as const)[c.req.query('granted') ?? ''] ?? undefined
        }
      />,
    );
  }

  /** Answers to a mandate (the agent's) and its revocation (the principal's), each through the policy. */
  function decision(
    path: string,
    action: 'mandate.respond' | 'mandate.approve' | 'mandate.revoke',
    apply: (personId: string, mandate: Mandate) => Promise<void>,
  ): RouteDef {
    return {
      method: 'POST',
      path: `/mandates/:id/${path}`,
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { actor, mandate } = await partyMandate(c, action);
        await apply(actor.id, mandate);
        return c.redirect('/mandates', 303);
      },
    };
  }

  /** The mandate in the path, if the person is one of its parties and the policy lets them do `action`. */
  async function partyMandate(
    c: RouteContext,
    action: 'mandate.respond' | 'mandate.approve' | 'mandate.revoke',
  ) {
    const actor = loggedInPerson(c);
    const accountIds = (await listAccountsOf(db, actor.id)).map((a) => a.id);
    const party = { personId: actor.id, accountIds };
    const mandate = await getMandateOfParty(db, party, c.req.param('id') ?? '');
    const resource = mandate && {
      type: 'mandate' as const,
      principalAccountId: mandate.principal_account_id,
      agentPersonId: mandate.agent_person_id,
      agentAccountId: mandate.agent_account_id,
    };
    if (!mandate || !resource || !(await can(db, actor, action, resource)).allowed) throw notFound();
    return { actor, mandate };
  }

  return [
    { method: 'GET', path: '/mandates', access: 'person', handler: (c) => page(c) },
    {
      method: 'POST',
      path: '/mandates',
      access: 'person',
      async handler(c) {
        const actor = loggedInPerson(c);
        const t = mandateMessages.translator(c.var.locale);
        if (
          !(await can(db, actor, 'account.manage', { type: 'account', accountId: actor.account.id })).allowed
        ) {
          throw new HttpError(403, 'forbidden');
        }
        const form = await c.req.parseBody({ all: true });
        const list = (name: string) =>
          (Array.isArray(form[name]) ? form[name] : form[name] === undefined ? [] : [form[name]]).map(String);
        const themes = list('themes').filter(isMandateTheme);
        const permissions = list('permissions').filter((v): v is MandatePermission =>
          (mandatePermissions as readonly string[]).includes(v),
        );
        const values = {
          agentKind: form.agentKind === 'organisation' ? ('organisation' as const) : ('person' as const),
          avs: String(form.avs ?? ''),
          familyName: String(form.familyName ?? ''),
          uid: String(form.uid ?? ''),
          validTo: String(form.validTo ?? ''),
          themes,
          permissions,
          mayDelegate: String(form.mayDelegate ?? ''),
        };
        const found = await findAgent(
          db,
          register,
          { ...values, kind: values.agentKind },
          { personId: actor.id, accountId: actor.account.id },
        );
        const errors: FieldError[] =
          'problems' in found ? found.problems.map((p) => ({ field: p.field, message: t(p.problem) })) : [];
        if (themes.length === 0) errors.push({ field: 'themes', message: t('themesMissing') });
        if (permissions.length === 0) errors.push({ field: 'permissions', message: t('permissionsMissing') });
        const today = new Date().toISOString().slice(0, 10);
        if (values.validTo && (toIsoDate(values.validTo) ?? '') < today)
          errors.push({ field: 'validTo', message: t('validToInvalid') });
        const signature = await signatureFor(actor.id, actor.account.id);
        // An organisation's mandates are given by those the register lets sign for it.
        if (!signature) errors.unshift({ field: 'grant', message: t('notSignatory') });
        if (errors.length > 0 || !('agent' in found) || !signature) return page(c, { errors, values });
        const { agent } = found;
        await proposeMandate(db, actor.id, signature, {
          principalAccountId: actor.account.id,
          agent,
          themes,
          permissions,
          validFrom: today,
          validTo: toIsoDate(values.validTo),
          mayDelegate: values.mayDelegate === 'yes',
        });
        return c.redirect(`/mandates?granted=${'awaited' in agent ? 'awaited' : '1'}`, 303);
      },
    },
    decision('accept', 'mandate.respond', (personId, mandate) => acceptMandate(db, personId, mandate.id)),
    decision('decline', 'mandate.respond', (personId, mandate) =>
      closeMandate(db, personId, mandate.id, 'declined'),
    ),
    decision('give-up', 'mandate.respond', (personId, mandate) =>
      closeMandate(db, personId, mandate.id, 'given_up'),
    ),
    decision('cosign', 'mandate.approve', async (personId, mandate) => {
      const signature = await signatureFor(personId, mandate.principal_account_id);
      if (!signature) throw new HttpError(403, 'forbidden');
      await approveMandate(db, personId, signature, mandate.id);
    }),
    {
      // Revoking cannot be undone: it is asked first, on a page of its own.
      method: 'GET',
      path: '/mandates/:id/revoke',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { mandate } = await partyMandate(c, 'mandate.revoke');
        const [agentRow] = await rows([mandate], 'agent', loggedInPerson(c).id);
        const account = (await getAccount(db, mandate.principal_account_id))?.name ?? '—';
        const agent = agentRow?.counterpart ?? '—';
        return platform.render(
          c,
          {
            title: mandateMessages.translator(c.var.locale)('revokeTitle', { agent }),
            breadcrumbs: [
              { label: mandateMessages.translator(c.var.locale)('mandatesTitle'), href: '/mandates' },
            ],
          },
          <RevokePage locale={c.var.locale} mandateId={mandate.id} agent={agent} account={account} />,
        );
      },
    },
    decision('revoke', 'mandate.revoke', (personId, mandate) =>
      closeMandate(db, personId, mandate.id, 'revoked'),
    ),
  ];
}
