import { formatNumber } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import type { Palette } from '../authority.ts';
import { authorityMessages } from '../messages.ts';
import type { PaletteProblem } from '../palette.ts';

const fields = [
  ['primary', 'primaryColour'],
  ['primaryText', 'primaryTextColour'],
  ['accent', 'accentColour'],
] as const;

export function BrandingPage(props: {
  locale: Locale;
  authorityName: string;
  action: string;
  values: Palette;
  problems: PaletteProblem[];
  saved: boolean;
}) {
  const t = authorityMessages.translator(props.locale);
  const errors: FieldError[] = props.problems.map((p) => ({
    field: p.field,
    message:
      p.problem === 'format'
        ? t('colourFormat')
        : t('colourContrast', { ratio: formatNumber(props.locale, Math.floor((p.ratio ?? 0) * 100) / 100) }),
  }));
  const errorOf = (field: keyof Palette) => errors.find((e) => e.field === field)?.message;
  return (
    <>
      {props.saved && <NotificationBanner kind="success">{t('brandingSaved')}</NotificationBanner>}
      <ErrorSummary errors={errors} />
      <h1>{t('brandingTitle', { authority: props.authorityName })}</h1>
      <p>{t('brandingLead', { authority: props.authorityName })}</p>
      <form method="post" action={props.action} novalidate>
        <CsrfField />
        {fields.map(([field, label]) => (
          <TextInput
            name={field}
            label={t(label)}
            hint={t('colourHint')}
            value={props.values[field]}
            error={errorOf(field)}
            spellcheck={false}
          />
        ))}
        <Button>{t('save')}</Button>
      </form>
    </>
  );
}
