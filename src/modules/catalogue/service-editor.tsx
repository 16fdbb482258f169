import type { RouteContext } from '../../platform/http/route.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { listFormsOf } from '../forms/index.ts';
import { withActorNames } from '../identity/index.ts';
import { designedBy } from './designer-access.ts';
import { catalogueMessages } from './messages.ts';
import { formValuesOf } from './service-content.ts';
import { getServiceEntry, listVersions, type Service, type ServiceEntry } from './services.ts';
import { designerBase, ServiceEditorPage } from './views/designer-pages.tsx';

export function translatedProblems(
  locale: Locale,
  problems: { field: string; problem: string }[],
): FieldError[] {
  const t = catalogueMessages.translator(locale);
  return problems.map((p) => ({ field: p.field, message: t(p.problem as Parameters<typeof t>[0]) }));
}

export async function renderEditor(
  platform: Platform,
  c: RouteContext,
  props: Omit<Parameters<typeof ServiceEditorPage>[0], 'locale' | 'forms'>,
  status: 200 | 422 = 200,
) {
  // The forms a designer may attach: published ones of the authorities they design for.
  const forms = (
    await listFormsOf(
      platform.db,
      (await designedBy(platform.db, c)).map((a) => a.id),
    )
  ).filter((f) => f.publishedVersion !== null);
  return platform.render(
    c,
    {
      title: props.title,
      status,
      breadcrumbs: [{ label: catalogueMessages.translator(c.var.locale)('designTitle'), href: designerBase }],
    },
    <ServiceEditorPage locale={c.var.locale} {...props} forms={forms} />,
  );
}

export async function editService(platform: Platform, c: RouteContext, service: Service, notice?: string) {
  const { db } = platform;
  const entry = (await getServiceEntry(db, { id: service.id }, 'latest')) as ServiceEntry;
  const t = catalogueMessages.translator(c.var.locale);
  return renderEditor(platform, c, {
    title: t('editTitle', { service: pick(entry.content.name, c.var.locale) }),
    action: `${designerBase}/${service.slug}`,
    values: formValuesOf(entry.content),
    errors: [],
    service,
    history: await withActorNames(db, c.var.locale, await listVersions(db, service.id)),
    notice,
  });
}
