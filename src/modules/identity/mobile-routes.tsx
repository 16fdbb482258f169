import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { identityMessages } from './messages.ts';
import { confirmMobile, normaliseMobile, startMobileVerification } from './mobile-verification.ts';
import { demandRecentLogin } from './recent-login.ts';
import { MobilePage } from './views/mobile-page.tsx';

const SENT_TO = 'mobileSentTo';
const sendLimit = { bucket: 'mobile-send', limit: 5, windowSeconds: 3600 };

/** Verifying a mobile number by SMS, so that it can be a notification channel. */
export function mobileRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const show = (c: RouteContext, errors: FieldError[], verified = false) => {
    const t = identityMessages.translator(c.var.locale);
    return platform.render(
      c,
      { title: t('mobileTitle'), status: errors.length > 0 ? 422 : 200 },
      <MobilePage
        locale={c.var.locale}
        sentTo={c.var.session.get<string>(SENT_TO)}
        verified={verified}
        errors={errors}
      />,
    );
  };
  const personId = (c: RouteContext) => loggedInPerson(c).id;
  return [
    {
      method: 'GET',
      path: '/profile/mobile',
      access: 'person',
      handler: (c) => show(c, [], c.req.query('verified') === '1'),
    },
    {
      method: 'POST',
      path: '/profile/mobile',
      access: 'person',
      rateLimit: sendLimit,
      async handler(c) {
        const stale = demandRecentLogin(c, platform.now(), '/profile/mobile');
        if (stale) return stale;
        const mobile = normaliseMobile(String((await c.req.parseBody()).mobile ?? ''));
        if (!mobile)
          return show(c, [
            { field: 'mobile', message: identityMessages.translator(c.var.locale)('mobileInvalid') },
          ]);
        await startMobileVerification(db, personId(c), mobile, c.var.locale, platform.now());
        c.var.session.set(SENT_TO, mobile);
        return c.redirect('/profile/mobile', 303);
      },
    },
    {
      method: 'POST',
      path: '/profile/mobile/confirm',
      access: 'person',
      async handler(c) {
        const t = identityMessages.translator(c.var.locale);
        const outcome = await confirmMobile(
          db,
          platform.secrets,
          personId(c),
          String((await c.req.parseBody()).code ?? ''),
          platform.now(),
        );
        if (outcome === 'verified') {
          c.var.session.delete(SENT_TO);
          return c.redirect('/profile/mobile?verified=1', 303);
        }
        return show(c, [
          { field: 'code', message: t(outcome === 'wrong' ? 'mobileWrong' : 'mobileExpired') },
        ]);
      },
    },
  ];
}
