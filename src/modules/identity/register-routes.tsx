import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { consumeEmailToken, peekEmailToken } from './email-tokens.ts';
import {
  checkTotp,
  findCredential,
  localLevel,
  markEmailVerified,
  newTotpSecret,
  registerLocalPerson,
  setPassword,
} from './local-means.ts';
import { checkLocalMeansForm, passwordProblemKeys } from './local-routes.tsx';
import { logIn } from './log-in.ts';
import { identityMessages } from './messages.ts';
import { checkNewPassword } from './password.ts';
import { secondFactorPerCredential } from './throttles.ts';
import { totpQrCode } from './totp-qr-code.ts';
import { LocalMeansPage, MessagePage, NewPasswordPage, RecoverPage } from './views/local-forms.tsx';

const PENDING_REGISTRATION = 'pendingRegistration';
const registrationLimit = { bucket: 'register', limit: 10, windowSeconds: 3600 };
const recoveryLimit = { bucket: 'recover', limit: 5, windowSeconds: 3600 };

/** People without an electronic identity: register, confirm the e-mail address, recover a password. */
export function registerRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  const page = (c: RouteContext, title: string, body: string, status: 200 | 404 = 200) =>
    platform.render(c, { title, status }, <MessagePage title={title} body={body} />);

  /** The credential a recovery link is for, while the link is live and unused. */
  async function recoveryCredential(token: string) {
    const credentialId = await peekEmailToken(db, token, 'recover', platform.now());
    return credentialId ? findCredential(db, { id: credentialId }) : undefined;
  }

  async function registrationForm(
    c: RouteContext,
    values: { email: string; givenNames?: string; familyName?: string },
    errors: FieldError[],
  ) {
    const secret = c.var.session.get<string>(PENDING_REGISTRATION) ?? newTotpSecret();
    c.var.session.set(PENDING_REGISTRATION, secret);
    const t = identityMessages.translator(c.var.locale);
    return platform.render(
      c,
      { title: t('registerTitle'), status: errors.length > 0 ? 422 : 200 },
      <LocalMeansPage
        locale={c.var.locale}
        mode="register"
        values={values}
        secret={secret}
        qr={await totpQrCode(secret, values.email)}
        errors={errors}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/register',
      access: 'anonymous',
      handler: (c) => registrationForm(c, { email: '' }, []),
    },
    {
      method: 'POST',
      path: '/register',
      access: 'anonymous',
      rateLimit: registrationLimit,
      async handler(c) {
        const t = identityMessages.translator(c.var.locale);
        const form = await c.req.parseBody();
        const secret = c.var.session.get<string>(PENDING_REGISTRATION);
        const givenNames = String(form.givenNames ?? '').trim();
        const familyName = String(form.familyName ?? '').trim();
        if (!secret) return c.redirect('/register', 303);
        const { email, password, step, errors } = checkLocalMeansForm(t, form, secret);
        if (!givenNames)
          errors.unshift({
            field: 'givenNames',
            message: t('nameMissing', { field: t('givenNames').toLowerCase() }),
          });
        if (!familyName)
          errors.splice(givenNames ? 0 : 1, 0, {
            field: 'familyName',
            message: t('nameMissing', { field: t('familyName').toLowerCase() }),
          });
        if (errors.length > 0 || step === undefined)
          return registrationForm(c, { email, givenNames, familyName }, errors);
        let registered: { personId: string; credentialId: string };
        try {
          registered = await registerLocalPerson(db, await masterKeysFor(platform.config, db), {
            givenNames,
            familyName,
            email,
            password,
            language: c.var.locale,
            totp: { secret, step },
          });
        } catch (error) {
          if (!(error instanceof HttpError && error.code === 'email_taken')) throw error;
          return registrationForm(c, { email, givenNames, familyName }, [
            { field: 'email', message: t('emailTaken') },
          ]);
        }
        c.var.session.delete(PENDING_REGISTRATION);
        await logIn(c, db, { provider: 'local', subject: registered.credentialId, level: localLevel(true) });
        return page(c, t('registerTitle'), t('verifyEmailSent'));
      },
    },
    {
      method: 'GET',
      path: '/verify-email',
      access: 'anonymous',
      async handler(c) {
        const t = identityMessages.translator(c.var.locale);
        const credentialId = await consumeEmailToken(
          db,
          c.req.query('token') ?? '',
          'verify',
          platform.now(),
        );
        if (!credentialId) return page(c, t('linkInvalidTitle'), t('linkInvalid'), 404);
        await markEmailVerified(db, credentialId, platform.now());
        return page(c, t('verifyEmailTitle'), t('verifyEmailDone'));
      },
    },
    {
      method: 'GET',
      path: '/login/recover',
      access: 'anonymous',
      handler(c) {
        const t = identityMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('recoverTitle') },
          <RecoverPage locale={c.var.locale} errors={[]} />,
        );
      },
    },
    {
      method: 'POST',
      path: '/login/recover',
      access: 'anonymous',
      rateLimit: recoveryLimit,
      async handler(c) {
        const t = identityMessages.translator(c.var.locale);
        const email = String((await c.req.parseBody()).email ?? '').trim();
        // Same answer whether or not the address is known: it must not tell who has an account.
        const credential = email ? await findCredential(db, { email }) : undefined;
        if (credential && (await hitRateLimit(db, recoveryLimit, credential.id, platform.now())) === 0) {
          await enqueue(db, 'identity:send-recovery', { credentialId: credential.id, locale: c.var.locale });
        }
        return page(c, t('recoverTitle'), t('recoverSent'));
      },
    },
    {
      method: 'GET',
      path: '/login/recover/:token',
      access: 'anonymous',
      object: { none: 'account recovery: the token sent by e-mail is the proof' },
      async handler(c) {
        const t = identityMessages.translator(c.var.locale);
        const credential = await recoveryCredential(c.req.param('token') ?? '');
        if (!credential) return page(c, t('linkInvalidTitle'), t('linkInvalid'), 404);
        return platform.render(
          c,
          { title: t('newPasswordTitle') },
          <NewPasswordPage locale={c.var.locale} action={c.req.path} totp={credential.hasTotp} errors={[]} />,
        );
      },
    },
    {
      method: 'POST',
      path: '/login/recover/:token',
      access: 'anonymous',
      object: { none: 'account recovery: the token sent by e-mail is the proof' },
      async handler(c) {
        const t = identityMessages.translator(c.var.locale);
        const token = c.req.param('token') ?? '';
        const credential = await recoveryCredential(token);
        if (!credential) return page(c, t('linkInvalidTitle'), t('linkInvalid'), 404);
        const form = await c.req.parseBody();
        const password = String(form.password ?? '');
        const errors: FieldError[] = [];
        const problem = checkNewPassword(password, credential.email);
        if (problem) errors.push({ field: 'password', message: t(passwordProblemKeys[problem]) });
        // The second factor is asked here too: an e-mail alone never opens an account protected by two.
        if (credential.hasTotp) {
          const code = String(form.code ?? '').replace(/\s/g, '');
          const throttled =
            (await hitRateLimit(db, secondFactorPerCredential, credential.id, platform.now())) > 0;
          const outcome = throttled
            ? 'wrong'
            : await checkTotp(
                db,
                await masterKeysFor(platform.config, db),
                credential.id,
                code,
                platform.now(),
              );
          if (outcome !== 'accepted')
            errors.push({ field: 'code', message: t(outcome === 'used' ? 'totpUsed' : 'totpWrong') });
        }
        if (errors.length > 0) {
          return platform.render(
            c,
            { title: t('newPasswordTitle'), status: 422 },
            <NewPasswordPage
              locale={c.var.locale}
              action={c.req.path}
              totp={credential.hasTotp}
              errors={errors}
            />,
          );
        }
        if (!(await consumeEmailToken(db, token, 'recover', platform.now())))
          return page(c, t('linkInvalidTitle'), t('linkInvalid'), 404);
        await setPassword(db, credential.id, password);
        return page(c, t('newPasswordTitle'), t('passwordChanged'));
      },
    },
  ];
}
