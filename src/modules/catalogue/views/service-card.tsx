import { formatChf } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { InLanguage } from '../../../platform/views/components/in-language.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { catalogueMessages } from '../messages.ts';
import { isOnline } from '../service-content.ts';
import type { ServiceEntry } from '../services.ts';

export const servicePath = (slug: string) => `/services/${slug}`;

/** A search field that works as a plain GET form; `catalogue-search.js` adds results as you type. */
export function SearchForm(props: { locale: Locale; action: string; query?: string }) {
  const t = catalogueMessages.translator(props.locale);
  return (
    <search>
      <form class="search-form" method="get" action={props.action} data-live-search="search-results">
        <label class="field__label" for="q">
          {t('searchLabel')}
        </label>
        <p class="field__hint" id="q-hint">
          {t('searchHint')}
        </p>
        <div class="search-form__row">
          <input
            class="field__input"
            type="search"
            id="q"
            name="q"
            value={props.query ?? ''}
            aria-describedby="q-hint"
            autocomplete="off"
            maxlength={200}
          />
          <button type="submit" class="button button--primary">
            {t('searchButton')}
          </button>
        </div>
      </form>
    </search>
  );
}

/** Services as a list of cards: name, summary, who provides it, whether it is online and what it costs. */
export function ServiceList(props: {
  locale: Locale;
  entries: ServiceEntry[];
  authorityName: (id: string) => string;
  labelledBy?: string;
}) {
  const t = catalogueMessages.translator(props.locale);
  return (
    <ul class="service-list" aria-labelledby={props.labelledBy}>
      {props.entries.map((entry) => (
        <li class="service-list__item">
          <h3 class="service-list__name">
            <a href={servicePath(entry.slug)}>
              <InLanguage text={entry.content.name} locale={props.locale} />
            </a>
          </h3>
          <p>
            <InLanguage text={entry.content.summary} locale={props.locale} />
          </p>
          <p class="service-list__meta">
            {props.authorityName(entry.authorityId)}
            {' · '}
            {entry.content.feeCents === null ? t('free') : formatChf(props.locale, entry.content.feeCents)}{' '}
            {isOnline(entry.content) ? <Tag tone="success">{t('online')}</Tag> : <Tag>{t('notOnline')}</Tag>}
          </p>
        </li>
      ))}
    </ul>
  );
}
