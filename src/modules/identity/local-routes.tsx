import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import { identityPaths } from '../../platform/http/identity-paths.ts';
import { hitRateLimit, recentHits } from '../../platform/http/rate-limit.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import {
  checkPassword,
  checkTotp,
  createLocalMeans,
  localLevel,
  newTotpSecret,
  totpStep,
} from './local-means.ts';
import { logIn } from './log-in.ts';
import { knownDevice, rememberDevice } from './login-device.ts';
import { type IdentityTranslate, identityMessages } from './messages.ts';
import { checkNewPassword } from './password.ts';
import { getPerson } from './persons.ts';
import { demandRecentLogin } from './recent-login.ts';
import { safeReturn } from './safe-return.ts';
import {
  loginFailuresPerAccount,
  loginFailuresPerDevice,
  loginPerAddress,
  loginSlowdown,
  secondFactorPerCredential,
  slowdownMs,
} from './throttles.ts';
import { totpQrCode } from './totp-qr-code.ts';
import { LocalMeansPage, TotpPage } from './views/local-forms.tsx';

const PENDING_TOTP = 'pendingTotp';
const PENDING_SETUP = 'pendingLocalSetup';

/** E-mail, password and the TOTP code that proves the authenticator app was set up: shared checks. */
export function checkLocalMeansForm(t: IdentityTranslate, form: Record<string, unknown>, secret: string) {
  const email = String(form.email ?? '').trim();
  const password = String(form.password ?? '');
  const errors: FieldError[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'email', message: t('emailInvalid') });
  const problem = checkNewPassword(password, email);
  if (problem) errors.push({ field: 'password', message: t(passwordProblemKeys[problem]) });
  const step = totpStep(secret, String(form.code ?? '').replace(/\s/g, ''));
  if (step === undefined) errors.push({ field: 'code', message: t('totpWrong') });
  return { email, password, step, errors };
}

export const passwordProblemKeys = {
  tooShort: 'passwordTooShort',
  tooLong: 'passwordTooLong',
  common: 'passwordCommon',
  containsEmail: 'passwordContainsEmail',
} as const;

export interface LoginFailure {
  errors: FieldError[];
  email: string;
  returnTo: string;
  status: 401 | 429;
}

interface PendingTotp {
  credentialId: string;
  returnTo: string;
  email: string;
  /** Set when the browser is known for this account: its second-factor attempts have their own bucket. */
  device?: string;
}

/** The built-in means: e-mail + password, second factor by TOTP. */
export function localRoutes(
  platform: Platform,
  renderLogin: (c: RouteContext, failure: LoginFailure) => Promise<Response>,
): RouteDef[] {
  const { db } = platform;

  const secureCookies = platform.config.publicUrl.startsWith('https://');

  async function logInLocally(
    c: RouteContext,
    login: { credentialId: string; email: string; totp: boolean; returnTo: string },
  ) {
    await logIn(c, db, { provider: 'local', subject: login.credentialId, level: localLevel(login.totp) });
    if (login.email) rememberDevice(c, platform.secrets, secureCookies, login.email);
    return c.redirect(login.returnTo, 303);
  }

  /** A browser where this account logged in before, unless wrong passwords keep coming from it. */
  async function trustedDevice(c: RouteContext, email: string): Promise<string | undefined> {
    const device = knownDevice(c, platform.secrets, secureCookies, email);
    if (!device) return undefined;
    const failures = await recentHits(db, loginFailuresPerDevice, device, platform.now());
    return failures < loginFailuresPerDevice.limit ? device : undefined;
  }

  /** Only second-factor codes are refused when too many: passwords are slowed down instead. */
  function throttled(c: RouteContext, seconds: number) {
    const t = identityMessages.translator(c.var.locale);
    c.header('Retry-After', String(seconds));
    return { field: 'code', message: t('loginThrottled', { minutes: Math.ceil(seconds / 60) }) };
  }

  return [
    {
      method: 'POST',
      path: '/login/local',
      access: 'anonymous',
      rateLimit: loginPerAddress,
      async handler(c) {
        const t = identityMessages.translator(c.var.locale);
        const form = await c.req.parseBody();
        const email = String(form.email ?? '').trim();
        const password = String(form.password ?? '');
        const returnTo = safeReturn(String(form.return ?? ''));
        const account = email.toLowerCase();
        const device = await trustedDevice(c, account);
        if (!device) {
          const delay = slowdownMs(await recentHits(db, loginFailuresPerAccount, account, platform.now()));
          if (delay > 0) await loginSlowdown.pause(delay);
        }
        const found = email && password ? await checkPassword(db, email, password) : undefined;
        if (!found) {
          await hitRateLimit(db, loginFailuresPerAccount, account, platform.now());
          const known = knownDevice(c, platform.secrets, secureCookies, account);
          if (known) await hitRateLimit(db, loginFailuresPerDevice, known, platform.now());
          return renderLogin(c, {
            errors: [{ field: 'email', message: t('loginWrong') }],
            email,
            returnTo,
            status: 401,
          });
        }
        const login = { credentialId: found.credentialId, email: account, returnTo };
        if (!found.totpRequired) return logInLocally(c, { ...login, totp: false });
        c.var.session.set(PENDING_TOTP, { ...login, device } satisfies PendingTotp);
        return c.redirect('/login/local/totp', 303);
      },
    },
    {
      method: 'GET',
      path: '/login/local/totp',
      access: 'anonymous',
      handler(c) {
        if (!c.var.session.get<PendingTotp>(PENDING_TOTP)) return c.redirect(identityPaths.login, 303);
        const t = identityMessages.translator(c.var.locale);
        return platform.render(c, { title: t('totpTitle') }, <TotpPage locale={c.var.locale} errors={[]} />);
      },
    },
    {
      method: 'POST',
      path: '/login/local/totp',
      access: 'anonymous',
      rateLimit: loginPerAddress,
      async handler(c) {
        const pending = c.var.session.get<PendingTotp>(PENDING_TOTP);
        if (!pending) return c.redirect(identityPaths.login, 303);
        const t = identityMessages.translator(c.var.locale);
        const code = String((await c.req.parseBody()).code ?? '').replace(/\s/g, '');
        const bucket = pending.device ? `${pending.credentialId}:${pending.device}` : pending.credentialId;
        const wait = await hitRateLimit(db, secondFactorPerCredential, bucket, platform.now());
        const outcome =
          wait > 0
            ? undefined
            : await checkTotp(
                db,
                await masterKeysFor(platform.config, db),
                pending.credentialId,
                code,
                platform.now(),
              );
        const error =
          wait > 0
            ? throttled(c, wait)
            : outcome === 'accepted'
              ? undefined
              : { field: 'code', message: t(outcome === 'used' ? 'totpUsed' : 'totpWrong') };
        if (error) {
          return platform.render(
            c,
            { title: t('totpTitle'), status: wait > 0 ? 429 : 422 },
            <TotpPage locale={c.var.locale} errors={[error]} />,
          );
        }
        c.var.session.delete(PENDING_TOTP);
        return logInLocally(c, { ...pending, totp: true });
      },
    },
    {
      method: 'GET',
      path: '/profile/local-means',
      access: 'person',
      async handler(c) {
        const stale = demandRecentLogin(c, platform.now(), '/profile/local-means');
        if (stale) return stale;
        const secret = c.var.session.get<string>(PENDING_SETUP) ?? newTotpSecret();
        c.var.session.set(PENDING_SETUP, secret);
        const person = await getPerson(db, loggedInPerson(c).id);
        const t = identityMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('localSetupTitle') },
          <LocalMeansPage
            locale={c.var.locale}
            mode="add"
            values={{ email: person?.email ?? '' }}
            secret={secret}
            qr={await totpQrCode(secret, person?.email ?? '')}
            errors={[]}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/profile/local-means',
      access: 'person',
      async handler(c) {
        const personId = loggedInPerson(c).id;
        const stale = demandRecentLogin(c, platform.now(), '/profile/local-means');
        if (stale) return stale;
        const secret = c.var.session.get<string>(PENDING_SETUP);
        if (!secret) return c.redirect('/profile/local-means', 303);
        const t = identityMessages.translator(c.var.locale);
        const form = await c.req.parseBody();
        const { email, password, step, errors } = checkLocalMeansForm(t, form, secret);
        if (errors.length === 0 && step !== undefined) {
          try {
            await createLocalMeans(db, await masterKeysFor(platform.config, db), personId, {
              email,
              password,
              totp: { secret, step },
            });
            c.var.session.delete(PENDING_SETUP);
            return c.redirect('/profile/identities?linked=1', 303);
          } catch (error) {
            if (!(error instanceof HttpError && error.code === 'email_taken')) throw error;
            errors.push({ field: 'email', message: t('emailTaken') });
          }
        }
        return platform.render(
          c,
          { title: t('localSetupTitle'), status: 422 },
          <LocalMeansPage
            locale={c.var.locale}
            mode="add"
            values={{ email }}
            secret={secret}
            qr={await totpQrCode(secret, email)}
            errors={errors}
          />,
        );
      },
    },
  ];
}
