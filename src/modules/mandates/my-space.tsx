import type { PersonActor } from '../../platform/http/access.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { NotificationBanner } from '../../platform/views/components/notification-banner.tsx';
import { canPerson } from '../policy/index.ts';
import { approvalsSuffice, listMandates, signaturesOf } from './mandates.ts';
import { mandateMessages } from './messages.ts';
import { type MandateCountsSummary, mandateCountsSummary } from './my-space-summary.ts';

/** Counts of the mandates around the account in use: given, received, and those waiting for an answer. */
async function mandateCounts(platform: Platform, personId: string, accountId: string) {
  const given = await listMandates(platform.db, { principalAccountId: accountId });
  // An organisation's admins also answer for the mandates given to it.
  const manages = (await canPerson(platform.db, personId, 'account.manage', { type: 'account', accountId }))
    .allowed;
  const received = [
    ...(await listMandates(platform.db, { agentPersonId: personId })),
    ...(manages ? await listMandates(platform.db, { agentAccountId: accountId }) : []),
  ];
  // Waiting on this side: requests to approve, or grants still missing a joint signature.
  const toApprove = (
    await Promise.all(
      given.map(
        async (m) =>
          m.state === 'requested' ||
          (m.state === 'proposed' && !approvalsSuffice(await signaturesOf(platform.db, m.id))),
      ),
    )
  ).filter(Boolean).length;
  return {
    given: given.filter((m) => m.state === 'active').length,
    received: received.filter((m) => m.state === 'active').length,
    toApprove,
    toAccept: received.filter((m) => m.state === 'proposed').length,
  };
}

type Counts = { given: number; received: number; toApprove: number; toAccept: number };

function MandatesSummary(props: { locale: Locale; counts: Counts }) {
  const t = mandateMessages.translator(props.locale);
  const { counts } = props;
  return (
    <section class="my-space__section" aria-labelledby="my-mandates">
      <h2 id="my-mandates">{t('mandatesTitle')}</h2>
      {/* Someone may have given one before this person ever came: say how to take it up. */}
      {counts.toAccept > 0 && (
        <NotificationBanner id="mandates-to-accept">
          <p>
            {t('awaitedNotice')} <a href="/mandates">{t('manageMandates')}</a>
          </p>
        </NotificationBanner>
      )}
      <ul class="plain-list">
        <li>{t('countGiven', { count: counts.given })}</li>
        <li>{t('countReceived', { count: counts.received })}</li>
        {counts.toApprove > 0 && (
          <li>
            <strong>{t('countToApprove', { count: counts.toApprove })}</strong>
          </li>
        )}
        {counts.toAccept > 0 && (
          <li>
            <strong>{t('countToAccept', { count: counts.toAccept })}</strong>
          </li>
        )}
      </ul>
      <p>
        <a href="/mandates">{t('manageMandates')}</a>
      </p>
    </section>
  );
}

export function mandatesMySpace(platform: Platform): MySpaceSection {
  return {
    order: 60,
    // Under a mandate one acts in someone else's account: their mandates are theirs to manage.
    summary: (actor) => (actor.mandate ? null : mandateCountsSummary(actor.id, actor.account.id)),
    async render(c, actor: PersonActor, summary) {
      if (actor.mandate) return null;
      const read = summary as MandateCountsSummary;
      // An organisation's admins also answer for the mandates given to it (the policy says who).
      const manages = (
        await canPerson(platform.db, actor.id, 'account.manage', {
          type: 'account',
          accountId: actor.account.id,
        })
      ).allowed;
      const counts = {
        given: read.given,
        received: read.receivedByPerson.active + (manages ? read.receivedByAccount.active : 0),
        toApprove: read.toApprove,
        toAccept: read.receivedByPerson.proposed + (manages ? read.receivedByAccount.proposed : 0),
      };
      return <MandatesSummary locale={c.var.locale} counts={counts} />;
    },
    awaitingSummary: (personId, accountId) => mandateCountsSummary(personId, accountId),
    async awaiting(actor, summary) {
      const personId = actor.id;
      const accountId = actor.account.id;
      // Only the account's admins answer for its mandates.
      const manage = await canPerson(platform.db, personId, 'account.manage', { type: 'account', accountId });
      if (!manage.allowed) return 0;
      if (summary !== undefined) return (summary as MandateCountsSummary).toApprove;
      const counts = await mandateCounts(platform, personId, accountId);
      return counts.toApprove;
    },
  };
}
