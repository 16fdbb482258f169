import { sql } from 'kysely';
import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { type AssuranceLevel, atLeast } from '../../platform/http/assurance-level.ts';
import { HttpError, notFound, StepUpRequired } from '../../platform/http/http-error.ts';
import { identityPaths } from '../../platform/http/identity-paths.ts';
import { keptPostSealedCall, openKeptPost } from '../../platform/http/kept-posts.ts';
import { readAlongRateLimit } from '../../platform/http/rate-limit-along.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { readUploads } from '../../platform/uploads/index.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { nextStepsOf } from '../cases/index.ts';
import { feesShownForForm, requiredLevelOfForm, requiredLevelOfFormCall } from '../catalogue/index.ts';
import { documentFile, getDocumentOfAccount, vaultOf } from '../documents/index.ts';
import { formCompletedCall, recordIndicator, SurveyInvite } from '../indicators/index.ts';
import { can, refusal } from '../policy/index.ts';
import { draftCaptureRoutes } from './capture/draft-capture-routes.ts';
import { applyCaptureAction, capturesOf, type PhoneLink } from './capture/step-capture.ts';
import { maxStepBodyBytes, refusalProblem, storeStepFiles, uploadLimitsOf } from './capture/step-files.ts';
import { allFields, type FormDefinition } from './definition.ts';
import { draftDeleteRoutes } from './draft-delete-routes.tsx';
import {
  getDraftInForm,
  getSubmissionOfAccount,
  latestUnfinishedDraft,
  saveAnswers,
  startDraft,
  submitDraft,
} from './drafts.ts';
import { engine } from './engine.ts';
import { type Form, getForm, getVersion } from './forms.ts';
import { formMessages } from './messages.ts';
import { parseStep } from './parse.ts';
import { prefill } from './prefill.ts';
import { submissionPayRoutes } from './submission-pay-routes.tsx';
import { type Answers, type FieldProblem, validateAnswers } from './validate.ts';
import {
  draftPath,
  ExitPage,
  ReviewPage,
  StartPage,
  StepPage,
  SubmittedPage,
} from './views/runner-pages.tsx';

const runnerScripts = ['forms/json-logic.js', 'forms/form-engine.cjs', 'forms/form-runner.js'];
const today = () => new Date().toISOString().slice(0, 10);

/** The form runner: starting, filling step by step, checking and sending, the receipt. */
export function runnerRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /**
   * Filling in a form is acting for the account in use: its people may, a representative only under a
   * mandate with the right to submit in the theme of the form's service.
   */
  async function mayFillIn(c: RouteContext, form: Form) {
    const actor = loggedInPerson(c);
    const resource = {
      type: 'account' as const,
      accountId: actor.account.id,
      theme: form.theme ?? undefined,
    };
    const decision = await can(db, actor, 'account.submit', resource);
    if (!decision.allowed) throw refusal(decision, actor, c.var.locale);
    return actor;
  }

  /**
   * A person logged in below the level of assurance the form's service asks for is sent to step up,
   * then back to `returnTo` (a page, never a post): the catalogue's start link is not the only way to
   * a form, and a draft stays where it is meanwhile.
   */
  async function stepUp(c: RouteContext, formId: string, returnTo: string, known?: AssuranceLevel) {
    const required = known ?? (await requiredLevelOfForm(db, formId));
    if (atLeast(loggedInPerson(c).level, required)) return undefined;
    const query = new URLSearchParams({ return: returnTo, level: required });
    return c.redirect(`${identityPaths.login}?${query}`, 303);
  }

  /**
   * The draft in the path, if the policy lets the person go on filling it in; otherwise absent. For
   * the step page (`askedStep`), the post kept after a time-out at the step it shows, still sealed.
   */
  async function ownDraft(c: RouteContext, forStepPage?: { askedStep: string | undefined }) {
    const actor = loggedInPerson(c);
    // The level its form asks for is read along, for `stepUp`; on the submit (`rateLimitAlong`), the
    // request's rate-limit hit is counted in the same statement. A kept post almost never exists: the
    // step page looks for it in the same statement too.
    const loaded = await getDraftInForm(
      db,
      actor.account.id,
      c.req.param('id') ?? '',
      requiredLevelOfFormCall,
      (query) => readAlongRateLimit(c, db, query),
      forStepPage && {
        asked: forStepPage.askedStep,
        read: (at) =>
          keptPostSealedCall(
            actor.id,
            sql<string>`${draftPath('')} || ${at.id} || '/steps/' || ${at.step}`,
            platform.now(),
          ),
      },
    );
    if (!loaded) throw notFound();
    const { draft, form, definition, about: requiredLevel, atStep: keptSealed } = loaded;
    const resource = {
      type: 'draft' as const,
      accountId: draft.accountId,
      personId: draft.personId,
      theme: form.theme ?? undefined,
    };
    if (!(await can(db, actor, 'draft.fillIn', resource)).allowed) throw notFound();
    return { actor, draft, form, definition, requiredLevel, keptSealed };
  }

  function problemsAsErrors(
    locale: Locale,
    definition: FormDefinition,
    problems: FieldProblem[],
    isNew: (problem: FieldProblem) => boolean = () => false,
  ): FieldError[] {
    const t = formMessages.translator(locale);
    const labelOf = (id: string) => allFields(definition).find((f) => f.field.id === id)?.field.label;
    return problems.map((p) => ({
      field: p.field,
      message: p.message
        ? p.message
        : isNew(p)
          ? t('answerToo', { field: pick(labelOf(p.field) ?? { fr: p.field }, locale) })
          : p.problem === 'check' && p.check !== undefined
            ? pick(definition.checks?.[p.check]?.message ?? { fr: t('check') }, locale)
            : t(p.problem),
    }));
  }

  function activeSteps(definition: FormDefinition, answers: Answers) {
    const state = engine.evaluate(definition, answers);
    return { state, active: definition.steps.filter((_, i) => state.steps[i]?.active) };
  }

  async function renderStep(
    c: RouteContext,
    loaded: Awaited<ReturnType<typeof ownDraft>>,
    stepId: string,
    answers: Answers,
    errors: FieldError[],
    extra: { status?: 200 | 422; savedLater?: boolean; phone?: PhoneLink; keptFiles?: string[] } = {},
  ) {
    const { definition, draft } = loaded;
    const { state, active } = activeSteps(definition, answers);
    const index = Math.max(
      0,
      active.findIndex((s) => s.id === stepId),
    );
    const step = active[index] ?? definition.steps[0];
    if (!step) throw notFound();
    const stepIndex = definition.steps.indexOf(step);
    const previous = active[index - 1];
    const known = new Set(
      step.fields.filter((f) => f.prefill && answers[f.id] !== undefined).map((f) => f.id),
    );
    return platform.render(
      c,
      {
        title: `${pick(step.title, c.var.locale)} – ${pick(definition.title, c.var.locale)}`,
        status: extra.status ?? 200,
        scripts: step.fields.some((f) => f.type === 'document')
          ? [...runnerScripts, 'forms/document-capture.js']
          : runnerScripts,
      },
      <StepPage
        locale={c.var.locale}
        definition={definition}
        step={step}
        position={{ index, count: active.length }}
        draftId={draft.id}
        answers={state.data}
        state={state.steps[stepIndex] ?? { fields: [] }}
        errors={errors}
        known={known}
        backHref={previous ? `${draftPath(draft.id)}?step=${previous.id}` : undefined}
        nonce={c.var.secureHeadersNonce ?? ''}
        savedLater={extra.savedLater}
        keptFiles={extra.keptFiles}
        captures={
          await capturesOf(db, {
            draftId: draft.id,
            draftPath: draftPath(draft.id),
            step,
            phone: extra.phone,
          })
        }
      />,
    );
  }

  return [
    ...draftCaptureRoutes(platform, ownDraft),
    ...submissionPayRoutes(platform, ownSubmission),
    ...draftDeleteRoutes(platform, ownDraft),
    {
      method: 'GET',
      path: '/forms/:formId/start',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const form = await getForm(db, c.req.param('formId') ?? '');
        const version = form && (await getVersion(db, form, 'published'));
        if (!form || !version) throw notFound();
        const actor = await mayFillIn(c, form);
        const below = await stepUp(c, form.id, c.req.path);
        if (below) return below;
        const unfinished = await latestUnfinishedDraft(db, actor.account.id, actor.id, form.id);
        return platform.render(
          c,
          {
            title: formMessages.translator(c.var.locale)('startTitle', {
              form: pick(version.definition.title, c.var.locale),
            }),
          },
          <StartPage
            locale={c.var.locale}
            definition={version.definition}
            action={c.req.path}
            accountName={actor.account.name}
            unfinished={unfinished && { href: draftPath(unfinished.id), updatedAt: unfinished.updatedAt }}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/forms/:formId/start',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const form = await getForm(db, c.req.param('formId') ?? '');
        const version = form && (await getVersion(db, form, 'published'));
        if (!form || !version) throw notFound();
        const actor = await mayFillIn(c, form);
        const below = await stepUp(c, form.id, c.req.path);
        if (below) return below;
        const draft = await startDraft(db, {
          formId: form.id,
          version: version.version,
          accountId: actor.account.id,
          personId: actor.id,
          mandateId: actor.mandate?.id ?? null,
          answers: await prefill(db, version.definition, actor.account.id),
        });
        await recordIndicator(db, {
          kind: 'form_started',
          authorityId: form.authorityId,
          formId: form.id,
          journey: draft.id,
          step: 1,
        });
        return c.redirect(draftPath(draft.id), 303);
      },
    },
    {
      method: 'GET',
      path: '/forms/drafts/:id',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const loaded = await ownDraft(c, { askedStep: c.req.query('step') });
        const url = new URL(c.req.url);
        const below = await stepUp(c, loaded.form.id, `${url.pathname}${url.search}`, loaded.requiredLevel);
        if (below) return below;
        if (loaded.draft.submittedAt) {
          const submission = await submitDraft(
            db,
            loaded.draft,
            { answers: loaded.draft.answers, level: loaded.actor.level },
            loaded.form,
          );
          return c.redirect(`/forms/submissions/${submission.submission.id}`, 303);
        }
        const stepId = c.req.query('step') ?? loaded.draft.step ?? loaded.definition.steps[0]?.id ?? '';
        await recordIndicator(db, {
          kind: 'step_reached',
          authorityId: loaded.form.authorityId,
          formId: loaded.form.id,
          journey: loaded.draft.id,
          step: loaded.definition.steps.findIndex((s) => s.id === stepId) + 1,
        });
        // Sent back from the review: the step says what is missing rather than reloading silently.
        const { problems } =
          c.req.query('check') === '1'
            ? validateAnswers(loaded.definition, loaded.draft.answers, { today: today(), onlyStep: stepId })
            : { problems: [] };
        // A post of this step that came after the session timed out: shown for review, not saved.
        // It was read along the draft, at the address this step posts to.
        const step = loaded.definition.steps.find((s) => s.id === stepId);
        const kept =
          step && loaded.keptSealed
            ? openKeptPost(
                await masterKeysFor(platform.config, db),
                loaded.actor.id,
                `${draftPath(loaded.draft.id)}/steps/${stepId}`,
                loaded.keptSealed,
              )
            : undefined;
        return renderStep(
          c,
          loaded,
          stepId,
          kept && step ? parseStep(step, kept.fields, loaded.draft.answers) : loaded.draft.answers,
          problemsAsErrors(c.var.locale, loaded.definition, problems),
          {
            savedLater: c.req.query('saved') === '1',
            keptFiles:
              kept &&
              step?.fields
                .filter((f) => kept.fileFields.includes(f.id))
                .map((f) => pick(f.label, c.var.locale)),
          },
        );
      },
    },
    {
      method: 'POST',
      path: '/forms/drafts/:id/steps/:stepId',
      access: 'person',
      object: 'decided',
      uploads: true,
      maxBodyBytes: maxStepBodyBytes,
      keptAfterTimeout: (c) => `${draftPath(c.req.param('id') ?? '')}?step=${c.req.param('stepId') ?? ''}`,
      async handler(c) {
        const loaded = await ownDraft(c);
        const { draft, definition } = loaded;
        if (draft.submittedAt) return c.redirect(draftPath(draft.id), 303);
        const stepId = c.req.param('stepId') ?? '';
        const step = definition.steps.find((s) => s.id === stepId);
        if (!step) throw notFound();
        const read = await readUploads(c, uploadLimitsOf(step));
        const below = await stepUp(
          c,
          loaded.form.id,
          `${draftPath(draft.id)}?step=${stepId}`,
          loaded.requiredLevel,
        );
        const keys = await masterKeysFor(platform.config, db);
        if (below) {
          // Everything given is kept for after the step-up, back on this step: what was typed and the
          // files, bound to the draft, so to its account and person. A file the upload path or the
          // field refused is not; the step asks for it again.
          const kept = parseStep(step, read.fields, draft.answers);
          if (!('refused' in read))
            await storeStepFiles(db, keys, draft.id, step, read.files, kept, c.var.locale);
          await saveAnswers(db, draft.id, kept, stepId);
          return below;
        }
        if ('refused' in read)
          // A refused file is the only problem shown, nothing is stored or saved: the person sends it
          // again with what they typed.
          return renderStep(
            c,
            loaded,
            stepId,
            parseStep(step, read.fields, draft.answers),
            problemsAsErrors(c.var.locale, definition, [refusalProblem(step, read.refused, c.var.locale)]),
            { status: 422 },
          );
        const posted = read.fields;
        const answers = parseStep(step, posted, draft.answers);
        const action = typeof posted.action === 'string' ? posted.action : 'next';
        const fileProblems = await storeStepFiles(
          db,
          keys,
          draft.id,
          step,
          read.files,
          answers,
          c.var.locale,
        );
        const capture = await applyCaptureAction(db, keys, {
          draftId: draft.id,
          step,
          action,
          answers,
          locale: c.var.locale,
          publicUrl: platform.config.publicUrl,
        });
        fileProblems.push(...capture.problems);
        await saveAnswers(db, draft.id, answers, stepId);
        if (capture.handled || (fileProblems.length > 0 && action !== 'next'))
          return renderStep(
            c,
            loaded,
            stepId,
            answers,
            problemsAsErrors(c.var.locale, definition, fileProblems),
            {
              status: fileProblems.length > 0 ? 422 : 200,
              phone: capture.phone,
            },
          );
        if (action.startsWith('addRow:') || action.startsWith('removeRow:'))
          return renderStep(c, loaded, stepId, answers, []);
        if (action === 'save') return c.redirect(`${draftPath(draft.id)}?step=${stepId}&saved=1`, 303);
        const index = definition.steps.indexOf(step);
        const before = engine.evaluate(definition, draft.answers).steps[index];
        const after = engine.evaluate(definition, answers).steps[index];
        const { problems } = validateAnswers(definition, answers, { today: today(), onlyStep: stepId });
        const all = problems;
        if (all.length > 0) {
          // Without JavaScript, a question this very post revealed or made required was never seen as
          // such: it is named, so that the person knows why the step came back.
          const asked = new Set(before?.fields.filter((f) => f.required).map((f) => f.id));
          const fresh = new Set(after?.fields.filter((f) => f.required && !asked.has(f.id)).map((f) => f.id));
          return renderStep(
            c,
            loaded,
            stepId,
            answers,
            problemsAsErrors(
              c.var.locale,
              definition,
              all,
              (p) => fresh.has(p.field) && p.problem === 'required',
            ),
            { status: 422 },
          );
        }
        if (after?.exit)
          return platform.render(
            c,
            { title: formMessages.translator(c.var.locale)('exitTitle') },
            <ExitPage locale={c.var.locale} step={step} backHref={`${draftPath(draft.id)}?step=${stepId}`} />,
          );
        const { active } = activeSteps(definition, answers);
        const next = active[active.findIndex((s) => s.id === stepId) + 1];
        return c.redirect(
          next ? `${draftPath(draft.id)}?step=${next.id}` : `${draftPath(draft.id)}/review`,
          303,
        );
      },
    },
    {
      method: 'GET',
      path: '/forms/drafts/:id/review',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { draft, form, definition, requiredLevel } = await ownDraft(c);
        const below = await stepUp(c, form.id, `${draftPath(draft.id)}/review`, requiredLevel);
        if (below) return below;
        const { problems, cleaned } = validateAnswers(definition, draft.answers, { today: today() });
        const firstProblem = problems[0];
        if (firstProblem) {
          const step = definition.steps.find((s) =>
            s.fields.some((f) => firstProblem.field.split(/[[.]/)[0] === f.id),
          );
          return c.redirect(
            `${draftPath(draft.id)}?step=${step?.id ?? definition.steps[0]?.id}&check=1`,
            303,
          );
        }
        const { active } = activeSteps(definition, draft.answers);
        // The fee the public entry announces (the workflow's is checked against it) is said before sending.
        const announced = (await feesShownForForm(db, form.authorityId, form.id)).find(
          (f) => f.published && f.feeCents,
        );
        return platform.render(
          c,
          { title: formMessages.translator(c.var.locale)('reviewTitle') },
          <ReviewPage
            locale={c.var.locale}
            definition={definition}
            draftId={draft.id}
            answers={cleaned}
            activeSteps={new Set(active.map((s) => s.id))}
            errors={[]}
            feeCents={announced?.feeCents ?? undefined}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/forms/drafts/:id/submit',
      access: 'person',
      object: 'decided',
      rateLimitAlong: true,
      async handler(c) {
        const { actor, draft, form, definition, requiredLevel } = await ownDraft(c);
        const below = await stepUp(c, form.id, `${draftPath(draft.id)}/review`, requiredLevel);
        if (below) return below;
        const { problems, cleaned } = validateAnswers(definition, draft.answers, { today: today() });
        if (problems.length > 0 && !draft.submittedAt)
          return c.redirect(`${draftPath(draft.id)}/review`, 303);
        const completed = { authorityId: form.authorityId, formId: form.id, journey: draft.id };
        const { submission } = await submitDraft(
          db,
          draft,
          { answers: cleaned, level: actor.level },
          form,
          (sent) => formCompletedCall(completed, sent),
        );
        return c.redirect(`/forms/submissions/${submission.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/forms/submissions/:id',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { submission, definition } = await ownSubmission(c);
        return platform.render(
          c,
          { title: formMessages.translator(c.var.locale)('submittedTitle') },
          <SubmittedPage
            locale={c.var.locale}
            definition={definition}
            submission={submission}
            next={await nextStepsOf(db, submission)}
            survey={<SurveyInvite locale={c.var.locale} submissionId={submission.id} />}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/forms/submissions/:id/receipt.pdf',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { submission } = await ownSubmission(c);
        const receipt =
          submission.receiptDocumentId &&
          (await getDocumentOfAccount(db, submission.accountId, submission.receiptDocumentId));
        // Issued and sealed by a job moments after the submission: until then, the page says so.
        if (!receipt) {
          const why = formMessages.translator(c.var.locale)('receiptComing');
          throw new HttpError(409, 'receipt_being_issued', why, why);
        }
        return documentFile(c, await vaultOf(platform), receipt);
      },
    },
  ];

  /** The submission in the path, if the policy lets the person read it; otherwise absent. */
  async function ownSubmission(c: RouteContext) {
    const actor = loggedInPerson(c);
    const submission = await getSubmissionOfAccount(db, actor.account.id, c.req.param('id') ?? '');
    const resource = submission && {
      type: 'submission' as const,
      accountId: submission.accountId,
      personId: submission.personId,
    };
    if (!resource || !(await can(db, actor, 'submission.view', resource)).allowed) throw notFound();
    const [form, required] = await Promise.all([
      getForm(db, submission.formId),
      requiredLevelOfForm(db, submission.formId),
    ]);
    // What was sent at the level the service asks is read at that level, as it was sent.
    if (!atLeast(actor.level, required)) throw new StepUpRequired(required);
    const version = form && (await getVersion(db, form, submission.version));
    if (!form || !version) throw new HttpError(404, 'not_found');
    return { actor, submission, form, definition: version.definition };
  }
}
