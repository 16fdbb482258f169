import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { catalogueMessages } from '../messages.ts';
import type { Service } from '../services.ts';
import { servicePath } from './service-card.tsx';

const designerBase = '/back-office/catalogue';

/** Whether the latest version is a draft the public does not see yet. */
export const hasDraft = (service: Service) =>
  service.state !== 'published' || service.latestVersion !== service.publishedVersion;

/**
 * Where the entry stands, said plainly: what the public sees, what the designer is editing, and the
 * next step (preview, then publish). Saving never changes what the public sees; publishing does.
 */
export function DraftJourney(props: { locale: Locale; service: Service }) {
  const t = catalogueMessages.translator(props.locale);
  const { service } = props;
  const latest = service.latestVersion;
  const published = service.publishedVersion ?? 0;
  return (
    <p data-journey>
      {service.state === 'withdrawn'
        ? t('journeyWithdrawn', { latest })
        : service.state === 'draft'
          ? t('journeyNew', { latest })
          : hasDraft(service)
            ? t('journeyDraft', { latest, published })
            : t('journeyLive', { published, next: latest + 1 })}
    </p>
  );
}

/** The button that publishes the version the designer is looking at (never a later one, unseen). */
export function PublishButton(props: { locale: Locale; service: Service; version: number }) {
  const t = catalogueMessages.translator(props.locale);
  return (
    <form method="post" action={`${designerBase}/${props.service.slug}/publish`} class="inline-form">
      <CsrfField />
      <input type="hidden" name="version" value={String(props.version)} />
      <Button>{t('publish', { version: props.version })}</Button>
    </form>
  );
}

/** Above a version previewed in the portal's own page: which one it is, and what to do with it. */
export function PreviewBanner(props: { locale: Locale; service: Service; version: number }) {
  const t = catalogueMessages.translator(props.locale);
  const { service, version } = props;
  const isPublic = service.state === 'published' && version === service.publishedVersion;
  return (
    <NotificationBanner>
      <p>
        {isPublic
          ? t('previewPublic', { version })
          : service.state === 'published'
            ? t('previewDraft', { version, published: service.publishedVersion ?? 0 })
            : t('previewBanner', { version })}
      </p>
      <div class="button-group">
        {!isPublic && <PublishButton locale={props.locale} service={service} version={version} />}
        <a href={`${designerBase}/${service.slug}`}>{t('backToEditing')}</a>
        {service.state === 'published' && !isPublic && (
          <a href={servicePath(service.slug)}>{t('seePublic', { version: service.publishedVersion ?? 0 })}</a>
        )}
      </div>
    </NotificationBanner>
  );
}
