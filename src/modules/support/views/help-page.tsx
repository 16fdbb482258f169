import type { Locale } from '../../../platform/i18n/locales.ts';
import { pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { InfoPageBody } from '../../../platform/views/info-pages.tsx';
import type { FaqEntry } from '../faq.ts';
import { supportMessages } from '../messages.ts';
import { supportPaths } from '../paths.ts';

/** Help: the portal's help text, the questions people ask (searchable, per service), the way to support. */
export function HelpPage(props: {
  locale: Locale;
  words: string;
  serviceSlug: string;
  services: { slug: string; name: string }[];
  entries: FaqEntry[];
  contactHref: string;
  loggedIn: boolean;
}) {
  const t = supportMessages.translator(props.locale);
  const serviceName = (slug: string | null) =>
    slug === null ? t('portal') : (props.services.find((s) => s.slug === slug)?.name ?? slug);
  const groups = [...new Set(props.entries.map((e) => e.serviceSlug))];
  return (
    <>
      <InfoPageBody page="help" />
      <h2 id="faq">{t('faqTitle')}</h2>
      <form method="get" action={supportPaths.help} aria-labelledby="faq">
        <TextInput name="q" type="search" label={t('searchLabel')} value={props.words} />
        <FieldFrame id="service" label={t('service')}>
          <select class="field__input" id="service" name="service">
            <option value="">{t('allServices')}</option>
            {props.services.map((s) => (
              <option value={s.slug} selected={s.slug === props.serviceSlug}>
                {s.name}
              </option>
            ))}
          </select>
        </FieldFrame>
        <Button variant="secondary">{t('search')}</Button>
      </form>
      {props.entries.length === 0 && <p>{t('noFaq')}</p>}
      {groups.map((slug) => (
        <section aria-labelledby={`faq-${slug ?? 'portal'}`}>
          <h3 id={`faq-${slug ?? 'portal'}`}>{serviceName(slug)}</h3>
          {props.entries
            .filter((e) => e.serviceSlug === slug)
            .map((entry) => (
              <details>
                <summary>{pick(entry.question, props.locale)}</summary>
                <p>{pick(entry.answer, props.locale)}</p>
              </details>
            ))}
        </section>
      ))}
      <p>
        <a href={props.contactHref}>{t('contactLink')}</a>
      </p>
      {props.loggedIn && (
        <p>
          <a href={supportPaths.myTickets}>{t('myTickets')}</a>
        </p>
      )}
    </>
  );
}
