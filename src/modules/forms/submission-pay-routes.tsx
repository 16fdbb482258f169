import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { type NextSteps, nextStepsOf } from '../cases/index.ts';
import type { Submission } from './drafts.ts';
import { formMessages } from './messages.ts';
import { PayWaitPage } from './views/pay-wait-page.tsx';

/**
 * Where "Pay" leads once the request's job has been: the payment; if the request is open with
 * nothing left to pay (paid already, or the fee cancelled), the request; with no fee at all, the sent
 * form. Undefined while the job has not opened the request and asked the fee.
 */
function payDestination(submission: Submission, next: NextSteps): string | undefined {
  if (!next.fee) return `/forms/submissions/${submission.id}`;
  if (next.fee.paymentId) return `/payments/${next.fee.paymentId}`;
  if (next.requestId) return `/requests/${next.requestId}`;
  return undefined;
}

/**
 * The sent form's "Pay" link: the fee is asked by the job that opens the request (the one path that
 * asks fees), moments after sending; until then the person waits on a page that goes on by itself.
 * `ownSubmission` asks the policy.
 */
export function submissionPayRoutes(
  platform: Platform,
  ownSubmission: (c: RouteContext) => Promise<{ submission: Submission }>,
): RouteDef[] {
  const { db } = platform;
  return [
    {
      method: 'GET',
      path: '/forms/submissions/:id/pay',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { submission } = await ownSubmission(c);
        const next = await nextStepsOf(db, submission);
        const destination = payDestination(submission, next);
        if (destination) return c.redirect(destination, 303);
        c.header('Cache-Control', 'no-store');
        return platform.render(
          c,
          { title: formMessages.translator(c.var.locale)('payWaitTitle'), scripts: ['forms/pay-wait.js'] },
          <PayWaitPage
            locale={c.var.locale}
            submissionId={submission.id}
            amountCents={next.fee?.amountCents ?? 0}
            again={c.req.query('again') === '1'}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/forms/submissions/:id/pay/status',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { submission } = await ownSubmission(c);
        const destination = payDestination(submission, await nextStepsOf(db, submission));
        c.header('Cache-Control', 'no-store');
        return c.json(destination ? { ready: true, location: destination } : { ready: false });
      },
    },
  ];
}
