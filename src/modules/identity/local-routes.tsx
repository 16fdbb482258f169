import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import { identityPaths } from '../../platform/http/identity-paths.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
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
import { type IdentityTranslate, identityMessages } from './messages.ts';
import { checkNewPassword } from './password.ts';
import { getPerson } from './persons.ts';
import { safeReturn } from './safe-return.ts';
import { loginPerAccount, loginPerAddress, secondFactorPerCredential } from './throttles.ts';
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
}

/** The built-in means: e-mail + password, second factor by TOTP. */
export function localRoutes(
  platform: Platform,
  renderLogin: (c: RouteContext, failure: LoginFailure) => Promise<Response>,
): RouteDef[] {
  const { db } = platform;

  async function logInLocally(c: RouteContext, credentialId: string, totp: boolean, returnTo: string) {
    await logIn(c, db, { provider: 'local', subject: credentialId, level: localLevel(totp) });
    return c.redirect(returnTo, 303);
  }

  function throttled(c: RouteContext, seconds: number) {
    const t = identityMessages.translator(c.var.locale);
    c.header('Retry-After', String(seconds));
    return { field: 'email', message: t('loginThrottled', { minutes: Math.ceil(seconds / 60) }) };
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
        const wait = await hitRateLimit(db, loginPerAccount, email.toLowerCase());
        if (wait > 0) return renderLogin(c, { errors: [throttled(c, wait)], email, returnTo, status: 429 });
        const found = email && password ? await checkPassword(db, email, password) : undefined;
        if (!found)
          return renderLogin(c, {
            errors: [{ field: 'email', message: t('loginWrong') }],
            email,
            returnTo,
            status: 401,
          });
        if (!found.totpRequired) return logInLocally(c, found.credentialId, false, returnTo);
        c.var.session.set(PENDING_TOTP, { credentialId: found.credentialId, returnTo } satisfies PendingTotp);
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
        const wait = await hitRateLimit(db, secondFactorPerCredential, pending.credentialId);
        const error =
          wait > 0
            ? { ...throttled(c, wait), field: 'code' }
            : (await checkTotp(db, await masterKeysFor(platform.config, db), pending.credentialId, code))
              ? undefined
              : { field: 'code', message: t('totpWrong') };
        if (error) {
          return platform.render(
            c,
            { title: t('totpTitle'), status: wait > 0 ? 429 : 422 },
            <TotpPage locale={c.var.locale} errors={[error]} />,
          );
        }
        c.var.session.delete(PENDING_TOTP);
        return logInLocally(c, pending.credentialId, true, pending.returnTo);
      },
    },
    {
      method: 'GET',
      path: '/profile/local-means',
      access: 'person',
      async handler(c) {
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
            errors={errors}
          />,
        );
      },
    },
  ];
}
