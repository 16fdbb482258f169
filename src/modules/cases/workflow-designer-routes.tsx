import { notFound } from '../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { feesShownForForm } from '../catalogue/index.ts';
import { type Form, getForm, getVersion } from '../forms/index.ts';
import { authoritiesWhere } from '../policy/index.ts';
import { feeContradictions } from './fee-check.ts';
import { caseMessages } from './messages.ts';
import { caseActorOf } from './posted-text.ts';
import { updateWorkflow } from './update-workflow.ts';
import { describeProblem, WorkflowPage } from './views/workflow-page.tsx';
import type { Workflow } from './workflow.ts';
import type { NewStatus } from './workflow-form.ts';
import { workflowFor } from './workflow-store.ts';

/** The workflow designer: a service's statuses, wording, transitions, and fees. */
export function workflowDesignerRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The form in the path, if the actor designs for its authority. */
  async function designedForm(c: RouteContext) {
    const form = await getForm(db, c.req.param('formId') ?? '');
    if (
      !form ||
      !(await authoritiesWhere(db, c.var.actor, 'authority.designServices')).includes(form.authorityId)
    )
      throw notFound();
    return form;
  }

  async function renderWorkflow(
    c: RouteContext,
    form: Form,
    workflow: Workflow,
    problems: string[] = [],
    newStatus?: NewStatus,
  ) {
    const t = caseMessages.translator(c.var.locale);
    const version = await getVersion(db, form, 'latest');
    const shown = await feesShownForForm(db, form.authorityId, form.id);
    const fieldsOf = (types: string[]) =>
      (version?.definition.steps ?? []).flatMap((step) =>
        step.fields
          .filter((f) => types.includes(f.type))
          .map((f) => ({ id: f.id, label: pick(f.label, c.var.locale) })),
      );
    return platform.render(
      c,
      { title: t('workflowTitle', { form: form.name }), status: problems.length > 0 ? 422 : 200 },
      <WorkflowPage
        locale={c.var.locale}
        formName={form.name}
        action={c.req.path}
        workflow={workflow}
        errors={problems.map((problem) => ({
          field: 'main',
          message: describeProblem(t, problem, (id) =>
            pick(workflow.statuses[id]?.staffLabel ?? { fr: id }, c.var.locale),
          ),
        }))}
        saved={c.req.query('saved') === '1'}
        fields={fieldsOf(['text', 'choice', 'yesno', 'number'])}
        feeFields={fieldsOf(['number', 'computed'])}
        newStatus={newStatus}
        fees={{ shown, contradictions: feeContradictions(workflow, shown) }}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/back-office/forms/:formId/workflow',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const form = await designedForm(c);
        return renderWorkflow(c, form, await workflowFor(db, form.id));
      },
    },
    {
      method: 'POST',
      path: '/back-office/forms/:formId/workflow',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const form = await designedForm(c);
        const update = await updateWorkflow(
          db,
          caseActorOf(c).ref,
          form.id,
          await c.req.parseBody({ all: true }),
        );
        // The new status waits in its own fields until the whole workflow holds together.
        if ('problems' in update)
          return renderWorkflow(c, form, update.workflow, update.problems, update.newStatus);
        return c.redirect(`${c.req.path}?saved=1`, 303);
      },
    },
  ];
}
