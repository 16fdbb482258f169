import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { isLocale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import {
  deliveryReportMaxBytes,
  smsReceiptsPath,
  verifyDeliveryReport,
} from '../../platform/sms/sms-gateway.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { notificationEvents } from '../accounts/index.ts';
import { type Authority, getAuthorityById, getAuthorityBySlug } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { firstReport, forgetReport } from './delivery-reports.ts';
import { notificationMessages } from './messages.ts';
import { listNotifications, markRead, recordDeliveryReport } from './outbox.ts';
import {
  isBrowserSubscription,
  listPushSubscriptions,
  removePushSubscription,
  savePushSubscription,
  vapidKeys,
} from './push-subscriptions.ts';
import {
  checkTemplate,
  render,
  resetTemplate,
  saveTemplate,
  type Template,
  templateFor,
} from './templates.ts';
import { DevicesPage } from './views/devices-page.tsx';
import { NotificationsPage } from './views/notifications-page.tsx';
import { TemplatesPage } from './views/templates-page.tsx';

// A service worker's scope is the folder it is served from: it must come from the root, unhashed.
const serviceWorker = readFileSync(path.join(import.meta.dirname, 'assets/service-worker.js'));

/** Push subscriptions of a person's devices; sending comes with the notifications themselves. */
export function notificationRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const personId = (c: RouteContext) => loggedInPerson(c).id;
  async function templatesPage(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    if (!authority) throw notFound();
    const decision = await can(db, c.var.actor, 'authority.manageTemplates', {
      type: 'authority',
      authorityId: authority.id,
    });
    if (!decision.allowed) throw notFound();
    return authority;
  }

  async function templateKey(c: RouteContext, from: Record<string, unknown>) {
    const event = notificationEvents.find((e) => e === from.event) ?? 'newDocument';
    const channel = (['email', 'sms', 'push'] as const).find((ch) => ch === from.channel) ?? 'email';
    const locale = isLocale(from.locale) ? from.locale : c.var.locale;
    return { event, channel, locale };
  }

  async function renderTemplates(
    c: RouteContext,
    authority: Authority,
    key: Awaited<ReturnType<typeof templateKey>>,
    shown: { template: Template; custom: boolean },
    errors: FieldError[],
  ) {
    const locale = c.var.locale;
    const t = notificationMessages.translator(locale);
    const authorityName = pick(authority.names, key.locale, authority.languages);
    const preview = render(shown.template, {
      authority: authorityName,
      account: t('sampleAccount'),
      event: key.event,
      link: `${platform.config.publicUrl}/documents`,
      locale: key.locale,
    });
    return platform.render(
      c,
      { title: t('templatesTitle'), status: errors.length > 0 ? 422 : 200 },
      <TemplatesPage
        locale={locale}
        authorityName={pick(authority.names, locale, authority.languages)}
        action={`/back-office/authorities/${authority.slug}/notification-templates`}
        selected={key}
        template={shown.template}
        custom={shown.custom}
        preview={preview}
        errors={errors}
        saved={c.req.query('saved') === '1'}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/notifications',
      access: 'person',
      async handler(c) {
        const actor = loggedInPerson(c);
        const names = new Map<string, string>();
        const rows = await Promise.all(
          (await listNotifications(db, actor.id, actor.account.id)).map(async (row) => {
            if (row.authorityId && !names.has(row.authorityId)) {
              const authority = await getAuthorityById(db, row.authorityId);
              names.set(
                row.authorityId,
                authority ? pick(authority.names, c.var.locale, authority.languages) : '',
              );
            }
            return { ...row, authorityName: row.authorityId ? (names.get(row.authorityId) ?? '') : '' };
          }),
        );
        const page = await platform.render(
          c,
          { title: notificationMessages.translator(c.var.locale)('listTitle') },
          <NotificationsPage locale={c.var.locale} accountName={actor.account.name} rows={rows} />,
        );
        await markRead(db, actor.id, actor.account.id);
        return page;
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/notification-templates',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await templatesPage(c);
        const key = await templateKey(c, c.req.query());
        const { custom, ...template } = await templateFor(db, { authorityId: authority.id, ...key });
        return renderTemplates(c, authority, key, { template, custom }, []);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/notification-templates',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await templatesPage(c);
        const form = await c.req.parseBody();
        const key = await templateKey(c, form);
        const template = {
          subject: String(form.subject ?? '').trim(),
          body: String(form.body ?? '')
            .replace(/\r\n/g, '\n')
            .trim(),
        };
        const problems = checkTemplate(key.channel, template);
        if (problems.length > 0) {
          const t = notificationMessages.translator(c.var.locale);
          const errors = problems.map((p) => ({ field: p === 'empty' ? 'subject' : 'body', message: t(p) }));
          return renderTemplates(c, authority, key, { template, custom: true }, errors);
        }
        await saveTemplate(
          db,
          `person:${loggedInPerson(c).id}`,
          { authorityId: authority.id, ...key },
          template,
        );
        return c.redirect(`${c.req.path}?${new URLSearchParams({ ...key, saved: '1' })}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/notification-templates/reset',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await templatesPage(c);
        const key = await templateKey(c, await c.req.parseBody());
        await resetTemplate(db, `person:${loggedInPerson(c).id}`, { authorityId: authority.id, ...key });
        const back = c.req.path.replace(/\/reset$/, '');
        return c.redirect(`${back}?${new URLSearchParams(key)}`, 303);
      },
    },
    {
      method: 'POST',
      path: smsReceiptsPath,
      access: 'machine',
      rateLimit: { bucket: 'sms-receipts', limit: 600, windowSeconds: 60 },
      maxBodyBytes: deliveryReportMaxBytes,
      async handler(c) {
        const verdict = verifyDeliveryReport(
          platform.config.smsGatewayToken,
          await c.req.text(),
          c.req.header('X-Signature'),
          platform.now(),
        );
        if (verdict === 'invalid') return c.json({ error: 'signature' }, 401);
        // Signed, but long ago (or far ahead): someone replays what they captured.
        if (verdict === 'stale') return c.json({ error: 'stale' }, 401);
        const { report, signedAt } = verdict;
        if (!(await firstReport(db, report.nonce, signedAt, platform.now())))
          return c.json({ error: 'replay' }, 409);
        try {
          await recordDeliveryReport(db, report);
        } catch (error) {
          await forgetReport(db, report.nonce);
          throw error;
        }
        return c.json({ received: true });
      },
    },
    {
      method: 'GET',
      path: '/service-worker.js',
      access: 'anonymous',
      handler: (c) =>
        c.body(new Uint8Array(serviceWorker), 200, {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-cache',
        }),
    },
    {
      method: 'GET',
      path: '/notifications/devices',
      access: 'person',
      async handler(c) {
        const t = notificationMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('devicesTitle'), scripts: ['notifications/push.js'] },
          <DevicesPage
            locale={c.var.locale}
            devices={await listPushSubscriptions(db, personId(c))}
            publicKey={(await vapidKeys(db)).publicKey}
            subscribed={c.req.query('subscribed') === '1'}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/notifications/devices',
      access: 'person',
      async handler(c) {
        // A body that is not JSON is as invalid as a wrong one: 422, not a server error.
        const subscription = (await c.req.json().catch(() => undefined)) as unknown;
        if (!isBrowserSubscription(subscription)) throw new HttpError(422, 'invalid_subscription');
        await savePushSubscription(db, personId(c), subscription, c.req.header('User-Agent'));
        return c.json({ ok: true }, 201);
      },
    },
    {
      method: 'POST',
      path: '/notifications/devices/:id/remove',
      access: 'person',
      object: { none: 'the person’s own device, selected by their own id' },
      async handler(c) {
        await removePushSubscription(db, personId(c), c.req.param('id') ?? '');
        return c.redirect('/notifications/devices', 303);
      },
    },
  ];
}
