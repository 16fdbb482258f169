import type { Locale } from '../../../platform/i18n/locales.ts';
import { ConfirmAction } from '../../../platform/views/components/confirm-action.tsx';
import { mandateMessages } from '../messages.ts';

/** Asks before a mandate is revoked: the agent loses at once what it let them do, for good. */
export function RevokePage(props: { locale: Locale; mandateId: string; agent: string; account: string }) {
  const t = mandateMessages.translator(props.locale);
  return (
    <ConfirmAction
      title={t('revokeTitle', { agent: props.agent })}
      consequences={[t('revokeEffect', { agent: props.agent, account: props.account })]}
      action={`/mandates/${props.mandateId}/revoke`}
      confirmLabel={t('revokeConfirm')}
      cancelHref="/mandates"
      cancelLabel={t('revokeCancel')}
    />
  );
}
