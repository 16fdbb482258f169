import { formatChf } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import type { ShownFee } from '../../catalogue/index.ts';
import type { FeeContradiction } from '../fee-check.ts';
import { caseMessages } from '../messages.ts';

/**
 * Beside the workflow's fees, the fee the public reads in the catalogue, and where the two disagree:
 * the designer sees both in one place, and which one to change.
 */
export function CatalogueFees(props: {
  locale: Locale;
  shown: ShownFee[];
  contradictions: FeeContradiction[];
  statusLabel: (id: string) => string;
}) {
  const t = caseMessages.translator(props.locale);
  const { locale } = props;
  const entry = (shown: ShownFee) =>
    t(shown.published ? 'feeEntryPublished' : 'feeEntryDraft', {
      service: pick(shown.name, locale),
      version: shown.version,
    });
  const amount = (cents: number | null) => (cents === null ? t('feeFree') : formatChf(locale, cents));
  if (props.shown.length === 0) return <p>{t('feeNoEntry')}</p>;
  return (
    <>
      {props.contradictions.length > 0 && (
        <NotificationBanner id="fee-contradictions">
          <ul>
            {props.contradictions.map((c) => (
              <li>
                {c.kind === 'differs'
                  ? t('feeDiffers', {
                      entry: entry(c.shown),
                      shown: amount(c.shown.feeCents),
                      asked: amount(c.askedCents),
                    })
                  : c.kind === 'notAsked'
                    ? t('feeNotAsked', { entry: entry(c.shown), shown: amount(c.shown.feeCents) })
                    : t('feeFreeButAsked', { entry: entry(c.shown), status: props.statusLabel(c.status) })}
              </li>
            ))}
          </ul>
        </NotificationBanner>
      )}
      <p>{t('feeShownLead')}</p>
      <ul>
        {props.shown.map((shown) => (
          <li>
            {entry(shown)} : {amount(shown.feeCents)}
          </li>
        ))}
      </ul>
    </>
  );
}
