import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { type ResourceValues, readResourceForm, resourceFields, resourceValuesOf } from './resource-form.ts';
import { createResource } from './resources.ts';
import { type StaffResource, staffAuthorityFor, staffResourceFor } from './staff-access.ts';
import { updateResource } from './update-resource.ts';
import { NewResourcePage } from './views/staff-pages.tsx';

/** The staff's new-resource and edit-resource forms: what is lent, when, for how long, at what price. */
export function resourceEditingRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  function editPage(c: RouteContext, found: StaffResource, values: ResourceValues, errors: FieldError[]) {
    const name = pick(found.resource.name, c.var.locale);
    return platform.render(
      c,
      {
        title: found.t('editResource', { name }),
        status: errors.length > 0 ? 422 : 200,
        breadcrumbs: [{ label: found.t('staffTitle'), href: found.base }],
      },
      <NewResourcePage
        locale={c.var.locale}
        action={`${found.path}/edit`}
        values={values}
        errors={errors}
        editing={name}
      />,
    );
  }

  const emptyResource = Object.fromEntries(resourceFields.map((f) => [f, ''])) as ResourceValues;

  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/bookings/resources/new',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { t, base } = await staffAuthorityFor(db, c, 'authority.manageBookingResources');
        return platform.render(
          c,
          { title: t('newResource'), breadcrumbs: [{ label: t('staffTitle'), href: base }] },
          <NewResourcePage
            locale={c.var.locale}
            action={`${base}/resources/new`}
            values={{
              ...emptyResource,
              kind: 'room',
              slotMinutes: '60',
              minNoticeHours: '48',
              freeCancellationHours: '72',
            }}
            errors={[]}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bookings/resources/new',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { actor, authority, t, base } = await staffAuthorityFor(
          db,
          c,
          'authority.manageBookingResources',
        );
        const form = readResourceForm(await c.req.parseBody(), t);
        if (!form.input)
          return platform.render(
            c,
            { title: t('newResource'), status: 422, breadcrumbs: [{ label: t('staffTitle'), href: base }] },
            <NewResourcePage
              locale={c.var.locale}
              action={`${base}/resources/new`}
              values={form.values}
              errors={form.errors}
            />,
          );
        const created = await createResource(db, `person:${actor.id}`, authority.id, form.input);
        return c.redirect(`${base}/resources/${created.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/bookings/resources/:id/edit',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const found = await staffResourceFor(db, c, 'authority.manageBookingResources');
        return editPage(c, found, resourceValuesOf(found.resource), []);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bookings/resources/:id/edit',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const found = await staffResourceFor(db, c, 'authority.manageBookingResources');
        const form = readResourceForm(await c.req.parseBody(), found.t);
        if (!form.input) return editPage(c, found, form.values, form.errors);
        await updateResource(db, `person:${found.actor.id}`, found.resource, form.input);
        return c.redirect(`${found.base}?saved=1`, 303);
      },
    },
  ];
}
