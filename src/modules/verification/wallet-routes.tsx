import { createHash } from 'node:crypto';
import { loggedInPerson, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { listAuthorities } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { recentIssuedOfAccount } from '../signing/index.ts';
import { verificationServiceWorker } from './service-worker.ts';
import { WalletPage, walletPaths } from './views/wallet-page.tsx';
import { walletMessages } from './wallet-messages.ts';

const walletScripts = ['verification/wallet.js'];
const appFiles = { none: 'the same installable frame for everyone' } as const;

/**
 * The portal as an app on a phone: the wallet page (recent issued documents with their verification
 * codes), its manifest and a service worker that keeps the page for when there is no connection.
 */
export function walletRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    {
      method: 'GET',
      path: walletPaths.page,
      access: 'person',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        const decision = await can(db, actor, 'account.consult', {
          type: 'account',
          accountId: actor.account.id,
        });
        const items = decision.allowed ? await recentIssuedOfAccount(db, actor.account.id) : [];
        const names = new Map(
          (await listAuthorities(db)).map((a) => [a.id, pick(a.names, c.var.locale, a.languages)]),
        );
        const { default: QRCode } = await import('qrcode'); // loaded at the first QR code, not at every start
        const entries = await Promise.all(
          items.map(async (item) => ({
            ...item,
            authorityName: names.get(item.authorityId) ?? '',
            qrSvg: await QRCode.toString(item.qrPayload, {
              type: 'svg',
              errorCorrectionLevel: 'Q',
              margin: 4,
              width: 240,
            }),
          })),
        );
        return platform.render(
          c,
          {
            title: walletMessages.translator(c.var.locale)('title'),
            scripts: walletScripts,
            head: (
              <>
                <link rel="manifest" href={walletPaths.manifest} />
                <script
                  type="application/json"
                  id="wallet-config"
                  dangerouslySetInnerHTML={{
                    __html: JSON.stringify({
                      serviceWorker: walletPaths.serviceWorker,
                      scope: walletPaths.page,
                    }),
                  }}
                />
              </>
            ),
          },
          <WalletPage locale={c.var.locale} items={entries} />,
        );
      },
    },
    {
      method: 'GET',
      path: walletPaths.manifest,
      access: 'anonymous',
      object: appFiles,
      handler(c) {
        const t = walletMessages.translator(c.var.locale);
        return c.body(
          JSON.stringify({
            name: t('appName'),
            short_name: 'Guichet',
            lang: c.var.locale,
            start_url: walletPaths.page,
            scope: '/',
            display: 'standalone',
            background_color: '#ffffff',
            theme_color: '#c8102e',
            icons: [
              { src: platform.assets.url('verification/icon.svg'), sizes: 'any', type: 'image/svg+xml' },
            ],
          }),
          200,
          { 'Content-Type': 'application/manifest+json', 'Cache-Control': 'public, max-age=3600' },
        );
      },
    },
    {
      method: 'GET',
      path: walletPaths.serviceWorker,
      access: 'anonymous',
      object: appFiles,
      handler(c) {
        const precache = ['guichet.css', 'guichet.js', 'verification/icon.svg', ...walletScripts].map(
          (name) => platform.assets.url(name),
        );
        const cacheName = `guichet-wallet-${createHash('sha256').update(precache.join()).digest('hex').slice(0, 10)}`;
        const body = verificationServiceWorker({ cacheName, page: walletPaths.page, precache, lists: [] });
        return c.body(body, 200, {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-cache',
        });
      },
    },
  ];
}
