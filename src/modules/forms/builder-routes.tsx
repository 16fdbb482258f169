import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { localisedFrom } from '../../platform/views/components/translations.tsx';
import { type Authority, getAuthorityById, listAuthorities } from '../authorities/index.ts';
import { withActorNames } from '../identity/index.ts';
import { authoritiesWhere, can } from '../policy/index.ts';
import { builderMessages } from './builder-messages.ts';
import { allFields, definitionProblems, type FormDefinition } from './definition.ts';
import { applyEdit, type Edit, replaceField } from './edit-definition.ts';
import { editField } from './edit-field.ts';
import { isFieldType } from './fields/registry.ts';
import {
  blankDefinition,
  createForm,
  type Form,
  getForm,
  getVersion,
  listFormsOf,
  listVersions,
  publishForm,
  saveDefinition,
} from './forms.ts';
import { formJsonSchema } from './schema.ts';
import {
  builderBase,
  EditorPage,
  FieldEditorPage,
  FormsListPage,
  PreviewPage,
} from './views/builder-pages.tsx';

type Posted = Record<string, string | File>;

/** The service designers' form builder: every change a small form, so keyboard and no-JS work alike. */
export function builderRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function designed(c: RouteContext): Promise<Authority[]> {
    const ids = await authoritiesWhere(db, c.var.actor, 'authority.designServices');
    const authorities = await Promise.all(ids.map((id) => getAuthorityById(db, id)));
    return authorities.filter((a): a is Authority => a !== undefined);
  }

  /** The form in the path, if the actor designs for its authority, with its latest definition. */
  async function designedForm(c: RouteContext) {
    const form = await getForm(db, c.req.param('id') ?? '');
    const resource = form && { type: 'authority' as const, authorityId: form.authorityId };
    if (!resource || !(await can(db, c.var.actor, 'authority.designServices', resource)).allowed)
      throw notFound();
    const latest = (await getVersion(db, form, 'latest')) as NonNullable<
      Awaited<ReturnType<typeof getVersion>>
    >;
    return { form, definition: latest.definition };
  }

  const actorRef = (c: RouteContext) => `person:${loggedInPerson(c).id}`;

  async function renderEditor(
    c: RouteContext,
    form: Form,
    definition: FormDefinition,
    notice?: string,
    problems: string[] = [],
  ) {
    const t = builderMessages.translator(c.var.locale);
    return platform.render(
      c,
      {
        title: t('editTitle', { form: pick(definition.title, c.var.locale) }),
        status: problems.length > 0 ? 422 : 200,
        scripts: ['forms/form-builder.js'],
      },
      <EditorPage
        locale={c.var.locale}
        form={form}
        definition={definition}
        history={await withActorNames(db, c.var.locale, await listVersions(db, form.id))}
        notice={notice}
        errors={
          problems.length > 0
            ? [{ field: 'main', message: t('problems', { problems: problems.join(', ') }) }]
            : []
        }
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: builderBase,
      access: 'staff',
      async handler(c) {
        const authorities = await designed(c);
        if (authorities.length === 0) throw notFound();
        const names = new Map(
          (await listAuthorities(db)).map((a) => [a.id, pick(a.names, c.var.locale, a.languages)]),
        );
        return platform.render(
          c,
          { title: builderMessages.translator(c.var.locale)('formsTitle') },
          <FormsListPage
            locale={c.var.locale}
            forms={
              await listFormsOf(
                db,
                authorities.map((a) => a.id),
              )
            }
            authorities={authorities}
            authorityName={(id) => names.get(id) ?? ''}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: builderBase,
      access: 'staff',
      async handler(c) {
        const posted = (await c.req.parseBody()) as Posted;
        const authority = (await designed(c)).find((a) => a.id === posted.authority);
        const name = typeof posted.name === 'string' ? posted.name.trim().slice(0, 120) : '';
        if (!authority || !name) throw new HttpError(422, 'invalid');
        const form = await createForm(db, actorRef(c), {
          authorityId: authority.id,
          name,
          definition: blankDefinition(name),
        });
        return c.redirect(`${builderBase}/${form.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: `${builderBase}/:id`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { form, definition } = await designedForm(c);
        const t = builderMessages.translator(c.var.locale);
        return renderEditor(
          c,
          form,
          definition,
          c.req.query('published')
            ? t('publishedNotice', { version: form.publishedVersion ?? 0 })
            : undefined,
        );
      },
    },
    {
      method: 'POST',
      path: `${builderBase}/:id/actions`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { form, definition } = await designedForm(c);
        const posted = (await c.req.parseBody()) as Posted;
        const text = (name: string) => (typeof posted[name] === 'string' ? (posted[name] as string) : '');
        const [action, by] = text('action').split(':');
        const direction = by === '-1' ? -1 : 1;
        let edit: Edit | undefined;
        if (action === 'addStep') edit = { action };
        else if (action === 'setTitle') {
          const title = localisedFrom(posted, 'title');
          if (title) edit = { action, title };
        } else if (action === 'setStepTitle') {
          const title = localisedFrom(posted, `stepTitle-${text('step')}`);
          if (title) edit = { action, step: text('step'), title };
        } else if (action === 'moveStep') edit = { action, step: text('step'), by: direction };
        else if (action === 'deleteStep') edit = { action, step: text('step') };
        else if (action === 'addField') {
          const type = text('type');
          if (isFieldType(type))
            edit = { action, step: text('step'), type, group: text('group') || undefined };
        } else if (action === 'moveField') edit = { action, field: text('field'), by: direction };
        else if (action === 'placeField') edit = { action, field: text('field'), target: text('target') };
        else if (action === 'duplicateField') edit = { action, field: text('field') };
        else if (action === 'deleteField') edit = { action, field: text('field') };
        if (!edit) throw new HttpError(422, 'invalid');
        await saveDefinition(db, actorRef(c), form, applyEdit(definition, edit));
        const back = text('group')
          ? `${builderBase}/${form.id}/fields/${text('group')}`
          : `${builderBase}/${form.id}`;
        return c.redirect(back, 303);
      },
    },
    {
      method: 'GET',
      path: `${builderBase}/:id/fields/:fieldId`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { form, definition } = await designedForm(c);
        const found = allFields(definition).find((f) => f.field.id === c.req.param('fieldId'));
        if (!found) throw notFound();
        return platform.render(
          c,
          {
            title: builderMessages.translator(c.var.locale)('fieldTitle', {
              field: pick(found.field.label, c.var.locale),
            }),
            scripts: ['forms/form-builder.js'],
          },
          <FieldEditorPage
            locale={c.var.locale}
            form={form}
            definition={definition}
            field={found.field}
            group={found.group}
            query={c.req.query()}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: `${builderBase}/:id/fields/:fieldId`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { form, definition } = await designedForm(c);
        const found = allFields(definition).find((f) => f.field.id === c.req.param('fieldId'));
        if (!found) throw notFound();
        const posted = (await c.req.parseBody()) as Posted;
        const { field, conditionMissing } = editField(definition, found, posted);
        if (conditionMissing) {
          const t = builderMessages.translator(c.var.locale);
          return platform.render(
            c,
            { title: t('fieldTitle', { field: pick(field.label, c.var.locale) }), status: 422 },
            <FieldEditorPage
              locale={c.var.locale}
              form={form}
              definition={definition}
              field={field}
              group={found.group}
              conditionError={t('typedValueMissing')}
            />,
          );
        }
        await saveDefinition(db, actorRef(c), form, replaceField(definition, field));
        // A type's own button (adding a row of answers) comes back to the field's page.
        const stay =
          typeof posted.stay === 'string' && /^[a-zA-Z]+=\d{1,2}$/.test(posted.stay) && posted.stay;
        if (stay) return c.redirect(`${builderBase}/${form.id}/fields/${field.id}?${stay}`, 303);
        return c.redirect(
          found.group ? `${builderBase}/${form.id}/fields/${found.group.id}` : `${builderBase}/${form.id}`,
          303,
        );
      },
    },
    {
      method: 'POST',
      path: `${builderBase}/:id/publish`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { form, definition } = await designedForm(c);
        const problems = await publishForm(db, actorRef(c), form);
        if (problems.length > 0) return renderEditor(c, form, definition, undefined, problems);
        return c.redirect(`${builderBase}/${form.id}?published=1`, 303);
      },
    },
    {
      method: 'GET',
      path: `${builderBase}/:id/preview`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { definition } = await designedForm(c);
        return platform.render(
          c,
          { title: builderMessages.translator(c.var.locale)('preview') },
          <PreviewPage
            locale={c.var.locale}
            definition={definition}
            mobile={c.req.query('mobile') === '1'}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: `${builderBase}/:id/export.json`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { form, definition } = await designedForm(c);
        c.header(
          'Content-Disposition',
          `attachment; filename="form-${form.id.slice(0, 8)}-v${form.latestVersion}.json"`,
        );
        return c.json(definition);
      },
    },
    {
      method: 'POST',
      path: `${builderBase}/:id/import`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { form, definition } = await designedForm(c);
        const raw = (await c.req.parseBody()).definition;
        let imported: FormDefinition | undefined;
        try {
          imported = JSON.parse(typeof raw === 'string' ? raw : '') as FormDefinition;
        } catch {
          imported = undefined;
        }
        if (!imported || definitionProblems(imported).length > 0) {
          const t = builderMessages.translator(c.var.locale);
          return renderEditor(c, form, definition, undefined, [t('importInvalid')]);
        }
        await saveDefinition(db, actorRef(c), form, imported);
        return c.redirect(`${builderBase}/${form.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: `${builderBase}/:id/schema.json`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { form } = await designedForm(c);
        const published = await getVersion(db, form, 'published');
        if (!published) throw notFound();
        return c.json(
          formJsonSchema(published.definition, `${platform.config.publicUrl}/api/v1/forms/${form.id}/schema`),
        );
      },
    },
  ];
}
