import type { RouteContext, RouteDef } from '../../../platform/http/route.ts';
import type { Platform } from '../../../platform/module.ts';
import { normaliseAvs } from '../avs-number.ts';
import { logIn } from '../log-in.ts';
import type { FirstLogin, PersonClaims } from '../persons.ts';
import { safeReturn } from '../safe-return.ts';
import { sessionAuth } from '../session-login.ts';
import { eidVct, loginClaims, personClaimsOf, refusalMessage } from './eid-claims.ts';
import type { EidMessage } from './messages.ts';
import { eidMessages } from './messages.ts';
import { confirmEidMatch, type EidPerson, eidProvider, resolveEidPerson } from './resolve-eid-person.ts';
import { swiyuVerifier, VerifierUnavailable } from './swiyu-verifier-client.ts';
import { EidMatchPage, EidStartPage, EidWaitPage, eidPaths } from './views.tsx';

/** What the session keeps while the wallet answers: one request at a time, for this browser only. */
interface PendingEid {
  verificationId: string;
  deepLink: string;
  returnTo: string;
  stepUp: boolean;
  startedAt: number;
}
interface PendingMatch {
  claims: PersonClaims;
  candidateId: string;
  returnTo: string;
}
const PENDING = 'pendingEid';
const MATCH = 'pendingEidMatch';
/** How long the page waits for the wallet before it says the request expired. */
export const eidTimeoutMs = 5 * 60_000;
const none = { none: 'logging in with the e-ID: no object yet' } as const;

/**
 * Logging in and stepping up with the federal e-ID, through the canton's swiyu-verifier (or its
 * simulator): the start page says what is asked and why, the wait page shows the request and follows
 * its state, the verified claims log the person in at the highest level (ADR 26).
 */
export function eidRoutes(platform: Platform, firstLogin: FirstLogin): RouteDef[] {
  const settings = platform.config.swiyu.verifier;
  if (!settings) return [];
  const verifier = swiyuVerifier(settings);
  const { db } = platform;
  const t = (c: RouteContext) => eidMessages.translator(c.var.locale);

  const start = (
    c: RouteContext,
    returnTo: string,
    stepUp: boolean,
    refusal?: EidMessage,
    status: 200 | 400 | 503 = 200,
  ) =>
    platform.render(
      c,
      { title: t(c)('eidTitle'), status },
      <EidStartPage locale={c.var.locale} returnTo={returnTo} stepUp={stepUp} refusal={refusal} />,
    );

  async function finish(
    c: RouteContext,
    outcome: EidPerson,
    pending: { returnTo: string },
    claims: PersonClaims,
  ) {
    if (outcome.kind === 'missing') return start(c, pending.returnTo, false, 'eidMissing', 400);
    if (outcome.kind === 'otherPerson') return start(c, pending.returnTo, true, 'eidOtherPerson', 400);
    if (outcome.kind === 'confirm') {
      c.var.session.set(MATCH, { claims, candidateId: outcome.candidate.id, returnTo: pending.returnTo });
      return platform.render(
        c,
        { title: t(c)('eidMatchTitle') },
        <EidMatchPage
          locale={c.var.locale}
          name={`${outcome.candidate.given_names} ${outcome.candidate.family_name}`}
          birthDate={outcome.candidate.date_of_birth ?? ''}
        />,
      );
    }
    await logIn(c, db, {
      provider: eidProvider,
      subject: normaliseAvs(claims.avs ?? '') ?? '',
      level: 'high',
    });
    if (outcome.created) await firstLogin(db, outcome.person);
    return c.redirect(pending.returnTo, 303);
  }

  return [
    {
      method: 'GET',
      path: eidPaths.start,
      access: 'anonymous',
      handler: (c) =>
        start(
          c,
          safeReturn(c.req.query('return')),
          c.req.query('level') === 'high' && Boolean(sessionAuth(c.var.session)),
        ),
    },
    {
      method: 'POST',
      path: eidPaths.start,
      access: 'anonymous',
      async handler(c) {
        const form = await c.req.parseBody();
        const previous = c.var.session.get<PendingEid>(PENDING);
        const returnTo = safeReturn(typeof form.return === 'string' ? form.return : previous?.returnTo);
        const stepUp =
          (form.stepUp === '1' || previous?.stepUp === true) && Boolean(sessionAuth(c.var.session));
        try {
          const verification = await verifier.create({
            vct: eidVct,
            claims: loginClaims.map((claim) => claim.claim),
            acceptedIssuerDids: settings.eidIssuerDids,
          });
          c.var.session.set(PENDING, {
            verificationId: verification.id,
            deepLink: verification.deepLink,
            returnTo,
            stepUp,
            startedAt: platform.now().getTime(),
          } satisfies PendingEid);
        } catch (error) {
          if (!(error instanceof VerifierUnavailable)) throw error;
          c.var.log.warn({ err: error }, 'e-ID verifier unavailable');
          return start(c, returnTo, stepUp, 'eidUnavailable', 503);
        }
        return c.redirect(eidPaths.wait, 303);
      },
    },
    {
      method: 'GET',
      path: eidPaths.wait,
      access: 'anonymous',
      async handler(c) {
        const pending = c.var.session.get<PendingEid>(PENDING);
        if (!pending) return c.redirect(eidPaths.start, 303);
        const refuse = (message: EidMessage) => {
          c.var.session.delete(PENDING);
          return start(c, pending.returnTo, pending.stepUp, message, 400);
        };
        if (platform.now().getTime() - pending.startedAt > eidTimeoutMs) return refuse('eidTimedOut');
        let verification: Awaited<ReturnType<typeof verifier.get>>;
        try {
          verification = await verifier.get(pending.verificationId);
        } catch (error) {
          if (!(error instanceof VerifierUnavailable)) throw error;
          return start(c, pending.returnTo, pending.stepUp, 'eidUnavailable', 503);
        }
        if (!verification) return refuse('eidTimedOut');
        if (verification.state === 'FAILED') return refuse(refusalMessage(verification.errorCode));
        if (verification.state === 'SUCCESS') {
          c.var.session.delete(PENDING); // one use only
          const claims = verification.claims && personClaimsOf(verification.claims);
          if (!claims) return refuse('eidMissing');
          const loggedIn = pending.stepUp ? sessionAuth(c.var.session)?.personId : undefined;
          return finish(c, await resolveEidPerson(db, claims, loggedIn), pending, claims);
        }
        const { default: QRCode } = await import('qrcode'); // loaded at the first QR code, not at every start
        const qrSvg = await QRCode.toString(pending.deepLink, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 4,
          width: 256,
        });
        return platform.render(
          c,
          { title: t(c)('eidWaitTitle'), scripts: ['identity/eid-status.js'] },
          <EidWaitPage locale={c.var.locale} deepLink={pending.deepLink} qrSvg={qrSvg} />,
        );
      },
    },
    {
      // What the wait page's script asks every few seconds: whether reloading the page would move on.
      method: 'GET',
      path: eidPaths.status,
      access: 'anonymous',
      async handler(c) {
        c.header('Cache-Control', 'no-store');
        const pending = c.var.session.get<PendingEid>(PENDING);
        if (!pending) return c.json({ done: true });
        const verification = await verifier.get(pending.verificationId).catch(() => undefined);
        const expired = platform.now().getTime() - pending.startedAt > eidTimeoutMs;
        return c.json({ done: expired || verification?.state !== 'PENDING' });
      },
    },
    {
      method: 'POST',
      path: eidPaths.confirm,
      access: 'anonymous',
      object: none,
      async handler(c) {
        const pending = c.var.session.get<PendingMatch>(MATCH);
        c.var.session.delete(MATCH);
        if (!pending) return c.redirect(eidPaths.start, 303);
        const choice = (await c.req.parseBody()).choice;
        const outcome = await confirmEidMatch(
          db,
          pending.claims,
          choice === 'link' ? pending.candidateId : undefined,
        );
        return finish(c, outcome, pending, pending.claims);
      },
    },
  ];
}
