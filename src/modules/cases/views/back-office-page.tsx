import { colon, formatNumber } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { backOfficeMessages } from '../back-office-messages.ts';
import { countCap } from '../list-inbox.ts';
import { type QueueName, queueHref } from '../queue-counts.ts';

/** One authority on the back office's home: its queues (when the clerk processes requests) and tools. */
export interface AuthorityDesk {
  slug: string;
  name: string;
  /** The inbox; absent when the clerk does not process this authority's requests. */
  inbox?: string;
  queues?: Record<QueueName, number>;
  /** Each tool's name, already in the page's language, and where it opens. */
  tools: { label: string; href: string }[];
  /** Shown to a platform admin who holds no role there: administered, not worked in. */
  administeredOnly?: boolean;
}

/** The list of an authority's queues with their counts, each a link to the inbox filtered so. */
export function QueueList(props: { locale: Locale; desk: AuthorityDesk }) {
  const t = backOfficeMessages.translator(props.locale);
  const { inbox, queues } = props.desk;
  if (!inbox || !queues) return null;
  return (
    <ul class="queue-list">
      {(Object.entries(queues) as [QueueName, number][]).map(([name, count]) => (
        <li>
          <a href={queueHref(inbox, name)}>
            {count > countCap
              ? t('queueCountMore', { queue: t(name), count: formatNumber(props.locale, countCap) })
              : t('queueCount', { queue: t(name), count })}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The back office's home: per authority where the person holds a role, their queues and tools. */
export function BackOfficePage(props: {
  locale: Locale;
  desks: AuthorityDesk[];
  /** Tools not bound to one authority (the catalogue, the forms). */
  tools: { label: string; href: string }[];
}) {
  const t = backOfficeMessages.translator(props.locale);
  return (
    <>
      <h1>{t('homeTitle')}</h1>
      <p>{props.desks.length > 0 ? t('homeIntro') : t('noAuthority')}</p>
      {props.tools.length > 0 && (
        <ul class="button-group">
          {props.tools.map((tool) => (
            <li>
              <a href={tool.href}>{tool.label}</a>
            </li>
          ))}
        </ul>
      )}
      {props.desks
        .filter((desk) => !desk.administeredOnly)
        .map((desk) => (
          <section aria-labelledby={`desk-${desk.slug}`}>
            <h2 id={`desk-${desk.slug}`}>{desk.name}</h2>
            {desk.queues && (
              <>
                <h3>{t('queues', { authority: desk.name })}</h3>
                <QueueList locale={props.locale} desk={desk} />
              </>
            )}
            <h3>{t('tools', { authority: desk.name })}</h3>
            <ul>
              {desk.tools.map((tool) => (
                <li>
                  <a href={tool.href}>{tool.label}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      <AdministeredDesks locale={props.locale} desks={props.desks.filter((desk) => desk.administeredOnly)} />
    </>
  );
}

/** A platform admin's other authorities, one line each, after those they work in. */
function AdministeredDesks(props: { locale: Locale; desks: AuthorityDesk[] }) {
  if (props.desks.length === 0) return null;
  const t = backOfficeMessages.translator(props.locale);
  return (
    <section aria-labelledby="desks-administered">
      <h2 id="desks-administered">{t('administeredAuthorities')}</h2>
      <ul>
        {props.desks.map((desk) => (
          <li>
            {desk.name}
            {colon(props.locale)}{' '}
            {desk.tools.map((tool, i) => (
              <>
                {i > 0 && ', '}
                <a href={tool.href} aria-label={`${tool.label} (${desk.name})`}>
                  {tool.label}
                </a>
              </>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
