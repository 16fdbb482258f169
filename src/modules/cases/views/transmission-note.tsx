import type { Locale } from '../../../platform/i18n/locales.ts';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { caseMessages } from '../messages.ts';

export type Transmission = 'none' | 'delivered' | 'pending' | 'failed';

/**
 * Whether the authority's business application has the request: said as it is — the portal has it in
 * every case; "transmitted" only once the application confirmed it, "not yet reached" while it fails.
 * Nothing when no application listens (the request is handled in the back office).
 */
export function TransmissionNote(props: {
  locale: Locale;
  state: Transmission;
  audience: 'citizen' | 'staff';
}) {
  const t = caseMessages.translator(props.locale);
  if (props.state === 'none') return null;
  const tone = props.state === 'delivered' ? 'success' : props.state === 'pending' ? 'info' : 'warning';
  const key = {
    delivered: 'transmissionDelivered',
    pending: 'transmissionPending',
    failed: props.audience === 'citizen' ? 'transmissionFailedCitizen' : 'transmissionFailedStaff',
  } as const;
  return (
    <p class="transmission">
      <Tag tone={tone}>{t(key[props.state])}</Tag>
    </p>
  );
}
