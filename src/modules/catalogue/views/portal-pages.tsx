import type { Child } from 'hono/jsx';
import { formatChf } from '../../../platform/i18n/format.ts';
import { type Locale, pick, pickWithLanguage } from '../../../platform/i18n/locales.ts';
import { Pagination } from '../../../platform/views/components/pagination.tsx';
import { type Authority, ContactDetails, contactPath, portalPath } from '../../authorities/index.ts';
import { themeLabel } from '../../mandates/index.ts';
import { catalogueMessages } from '../messages.ts';
import { isOnline } from '../service-content.ts';
import type { ServiceEntry } from '../services.ts';
import { type LifeEvent, lifeEvents, type Topic, topics } from '../taxonomy.ts';
import { SearchForm, ServiceList, servicePath } from './service-card.tsx';

/** Where a portal's catalogue pages live: the canton's at the root, a commune's under its address. */
export interface Portal {
  commune: Authority | null;
  base: string;
}

type Names = (id: string) => string;

function Browse(props: { locale: Locale; portal: Portal }) {
  const t = catalogueMessages.translator(props.locale);
  const list = `${props.portal.base}/services`;
  return (
    <div class="browse">
      <section aria-labelledby="by-event">
        <h2 id="by-event">{t('byLifeEvent')}</h2>
        <ul class="link-list">
          {(Object.keys(lifeEvents) as LifeEvent[]).map((event) => (
            <li>
              <a href={`${list}?event=${event}`}>{pick(lifeEvents[event], props.locale)}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="by-topic">
        <h2 id="by-topic">{t('byTopic')}</h2>
        <ul class="link-list">
          {(Object.keys(topics) as Topic[]).map((topic) => (
            <li>
              <a href={`${list}?topic=${topic}`}>{pick(topics[topic], props.locale)}</a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function CantonHomePage(props: {
  locale: Locale;
  communes: Authority[];
  services: Authority[];
  portal: Portal;
}) {
  const t = catalogueMessages.translator(props.locale);
  const name = (a: Authority) => pick(a.names, props.locale, a.languages);
  return (
    <>
      <h1>{t('cantonTitle')}</h1>
      <p class="lead">{t('cantonLead')}</p>
      <SearchForm locale={props.locale} action="/search" />
      <Browse locale={props.locale} portal={props.portal} />
      <h2 id="authorities">{t('byAuthority')}</h2>
      <ul class="link-list" aria-labelledby="authorities">
        {props.services.map((service) => (
          <li>
            <a href={`/services?authority=${service.slug}`}>{name(service)}</a>
          </li>
        ))}
      </ul>
      <h2 id="communes">{t('communesHeading')}</h2>
      <p>{t('communesLead')}</p>
      <ul class="card-list" aria-labelledby="communes">
        {props.communes.map((commune) => (
          <li class="card">
            <h3>
              <a href={portalPath(commune)}>{name(commune)}</a>
            </h3>
          </li>
        ))}
      </ul>
    </>
  );
}

export function CommuneHomePage(props: {
  locale: Locale;
  portal: Portal & { commune: Authority };
  own: ServiceEntry[];
  authorityName: Names;
}) {
  const t = catalogueMessages.translator(props.locale);
  const { commune } = props.portal;
  const name = pick(commune.names, props.locale, commune.languages);
  const languages = new Intl.DisplayNames([props.locale], { type: 'language' });
  return (
    <>
      <h1>{t('communeTitle', { commune: name })}</h1>
      <p class="lead">{t('communeLead', { commune: name })}</p>
      <p>{t('communeLanguages', { languages: commune.languages.map((l) => languages.of(l)).join(', ') })}</p>
      <SearchForm locale={props.locale} action={`${props.portal.base}/search`} />
      <h2 id="commune-services">{t('communeServicesHeading')}</h2>
      {props.own.length > 0 ? (
        <ServiceList
          locale={props.locale}
          entries={props.own}
          authorityName={props.authorityName}
          labelledBy="commune-services"
        />
      ) : (
        <p>{t('noServices')}</p>
      )}
      <Browse locale={props.locale} portal={props.portal} />
      <p>
        <a href="/">{t('backToCanton')}</a>
      </p>
    </>
  );
}

export function ServiceListPage(props: {
  locale: Locale;
  portal: Portal;
  title: string;
  entries: ServiceEntry[];
  authorityName: Names;
}) {
  const t = catalogueMessages.translator(props.locale);
  return (
    <>
      <h1 id="list-title">{props.title}</h1>
      <SearchForm locale={props.locale} action={`${props.portal.base}/search`} />
      {props.entries.length > 0 ? (
        <ServiceList
          locale={props.locale}
          entries={props.entries}
          authorityName={props.authorityName}
          labelledBy="list-title"
        />
      ) : (
        <p>{t('noServices')}</p>
      )}
      <Browse locale={props.locale} portal={props.portal} />
    </>
  );
}

/** The part of the search page that is replaced as the user types. */
export function SearchResults(props: {
  locale: Locale;
  query: string;
  total: number;
  entries: ServiceEntry[];
  page: number;
  pages: number;
  href: (page: number) => string;
  authorityName: Names;
}) {
  const t = catalogueMessages.translator(props.locale);
  const query = props.query.trim();
  return (
    <>
      <p id="search-status" role="status">
        {!query
          ? t('emptyQuery')
          : props.total === 0
            ? t('noResults', { query })
            : t('resultCount', { count: props.total, query })}
      </p>
      <ServiceList locale={props.locale} entries={props.entries} authorityName={props.authorityName} />
      <Pagination page={props.page} pages={props.pages} href={props.href} />
    </>
  );
}

export function SearchPage(props: { locale: Locale; portal: Portal; query: string; results: Child }) {
  const t = catalogueMessages.translator(props.locale);
  return (
    <>
      <h1>{t('searchTitle')}</h1>
      <SearchForm locale={props.locale} action={`${props.portal.base}/search`} query={props.query} />
      <div id="search-results">{props.results}</div>
    </>
  );
}

function Paragraphs(props: { text: string; lang?: string | undefined }) {
  return (
    <>
      {props.text
        .split(/\n{2,}/)
        .filter(Boolean)
        .map((paragraph) => (
          <p lang={props.lang}>{paragraph}</p>
        ))}
    </>
  );
}

export function ServicePage(props: {
  locale: Locale;
  entry: ServiceEntry;
  authority: Authority;
  /** Above a designer's preview: which version it is, and publishing it. */
  preview?: Child;
}) {
  const t = catalogueMessages.translator(props.locale);
  const { content } = props.entry;
  const text = (field: 'name' | 'summary' | 'description' | 'requirements' | 'documentsIssued') =>
    pick(content[field], props.locale);
  // A text the designer has not translated yet is shown in French, marked as such.
  const langOf = (field: 'name' | 'summary' | 'description' | 'requirements' | 'documentsIssued') => {
    const { lang } = pickWithLanguage(content[field], props.locale);
    return lang === props.locale ? undefined : lang;
  };
  const authorityName = pick(props.authority.names, props.locale, props.authority.languages);
  const audience = {
    person: 'audiencePerson',
    organisation: 'audienceOrganisation',
    representative: 'audienceRepresentative',
  } as const;
  const level = { low: 'levelLow', substantial: 'levelSubstantial', high: 'levelHigh' } as const;
  const facts: [string, Child][] = [
    [t('providedBy'), authorityName],
    [
      t('whoMayRequest'),
      <ul class="plain-list">
        {content.audiences.map((a) => (
          <li>{t(audience[a])}</li>
        ))}
      </ul>,
    ],
    [t('feeLabel'), content.feeCents === null ? t('free') : formatChf(props.locale, content.feeCents)],
    [
      t('processingTime'),
      content.processingDays === null ? t('immediate') : t('workingDays', { days: content.processingDays }),
    ],
    [t('levelLabel'), t(level[content.level])],
    [t('fullyOnline'), isOnline(content) ? t('yes') : t('no')],
  ];
  return (
    <>
      {props.preview}
      <h1 lang={langOf('name')}>{text('name')}</h1>
      <p class="lead" lang={langOf('summary')}>
        {text('summary')}
      </p>
      <dl class="summary-list">
        {facts.map(([term, value]) => (
          <div class="summary-list__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <Paragraphs text={text('description')} lang={langOf('description')} />
      {content.requirements.fr && (
        <>
          <h2>{t('whatIsNeeded')}</h2>
          <Paragraphs text={text('requirements')} lang={langOf('requirements')} />
        </>
      )}
      {content.documentsIssued.fr && (
        <>
          <h2>{t('documentsIssued')}</h2>
          <Paragraphs text={text('documentsIssued')} lang={langOf('documentsIssued')} />
        </>
      )}
      {content.theme && <p>{t('mandateTheme', { theme: themeLabel(content.theme, props.locale) })}</p>}
      {isOnline(content) ? (
        <>
          <p>
            <a
              class="button button--primary"
              href={content.startPath ?? `${servicePath(props.entry.slug)}/start`}
            >
              {t('start')}
            </a>
          </p>
          <p>
            <a href={contactPath(props.authority)}>{t('questionContact', { authority: authorityName })}</a>
          </p>
        </>
      ) : (
        <section aria-labelledby="how-today">
          <h2 id="how-today">{t('howToday')}</h2>
          <p>{t('notYetOnlineLead', { authority: authorityName })}</p>
          <ContactDetails locale={props.locale} authority={props.authority} />
        </section>
      )}
    </>
  );
}
