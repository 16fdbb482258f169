import type { Child } from 'hono/jsx';
import { usePage } from '../page-context.ts';

/** A message about the whole page, as a region named by its title. */
export function NotificationBanner(props: { kind?: 'important' | 'success'; id?: string; children: Child }) {
  const { t } = usePage();
  const kind = props.kind ?? 'important';
  const titleId = `${props.id ?? `notification-${kind}`}-title`;
  return (
    <section class={`notification notification--${kind}`} aria-labelledby={titleId}>
      <p class="notification__title" id={titleId}>
        {t(kind === 'success' ? 'notificationSuccess' : 'notificationImportant')}
      </p>
      <div class="notification__body">{props.children}</div>
    </section>
  );
}

export const notificationBannerExamples = [
  () => <NotificationBanner>Le guichet sera en maintenance dimanche de 6 h à 8 h.</NotificationBanner>,
  () => <NotificationBanner kind="success">Votre demande a été envoyée.</NotificationBanner>,
];
