import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import type { FaqEntry } from '../faq.ts';
import { supportMessages } from '../messages.ts';

/** The canton's desk's questions, each with the way to change or remove it. */
export function FaqList(props: { locale: Locale; base: string; entries: FaqEntry[] }) {
  const t = supportMessages.translator(props.locale);
  return (
    <section aria-labelledby="faq-list">
      <h2 id="faq-list">{t('faqListTitle')}</h2>
      {props.entries.length === 0 ? (
        <p>{t('faqNone')}</p>
      ) : (
        <ul class="list">
          {props.entries.map((entry) => (
            <li>
              <a href={`${props.base}/${entry.id}`}>
                {t('faqEditLink', { question: pick(entry.question, props.locale) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
