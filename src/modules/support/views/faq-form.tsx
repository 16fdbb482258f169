import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import type { FaqEntry } from '../faq.ts';
import { supportMessages } from '../messages.ts';

const languages = { fr: 'français', de: 'Deutsch', en: 'English' } as const;

/**
 * The support desk adds the questions it is asked often, for a service or for the portal; with
 * `entry`, it changes one (its page's heading is then the page's own).
 */
export function FaqForm(props: {
  locale: Locale;
  action: string;
  services: { slug: string; name: string }[];
  entry?: FaqEntry;
}) {
  const t = supportMessages.translator(props.locale);
  const { entry } = props;
  return (
    <form method="post" action={props.action}>
      {!entry && <h2>{t('faqAddTitle')}</h2>}
      <CsrfField />
      <FieldFrame id="faq-service" label={t('service')}>
        <select class="field__input" id="faq-service" name="service">
          <option value="">{t('portal')}</option>
          {props.services.map((s) => (
            <option value={s.slug} selected={entry?.serviceSlug === s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </FieldFrame>
      {(Object.keys(languages) as (keyof typeof languages)[]).map((language) => (
        <>
          <TextInput
            name={`question.${language}`}
            label={t('faqQuestion', { language: languages[language] })}
            value={entry?.question[language] ?? ''}
          />
          <FieldFrame id={`answer.${language}`} label={t('faqAnswer', { language: languages[language] })}>
            <textarea
              class="field__input"
              id={`answer.${language}`}
              name={`answer.${language}`}
              rows={3}
              maxlength={2000}
            >
              {entry?.answer[language] ?? ''}
            </textarea>
          </FieldFrame>
        </>
      ))}
      {entry ? <Button>{t('faqSave')}</Button> : <Button variant="secondary">{t('faqAdd')}</Button>}
    </form>
  );
}
