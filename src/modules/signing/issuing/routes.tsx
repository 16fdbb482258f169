import { notFound } from '../../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../../platform/http/route.ts';
import { pick } from '../../../platform/i18n/locales.ts';
import type { Platform } from '../../../platform/module.ts';
import type { FieldError } from '../../../platform/views/components/error-summary.tsx';
import { getAuthorityBySlug } from '../../authorities/index.ts';
import { can } from '../../policy/index.ts';
import { issuingMessages } from './messages.ts';
import { issuedDocumentBySerial, listIssuedDocuments, revokeIssuedDocument } from './register.ts';
import { RegisterPage, RevokePage } from './views/register-pages.tsx';

/** The back office's issuance register: staff who publish documents read it; administrators revoke. */
export function issuingRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function staffAuthority(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = { type: 'authority' as const, authorityId: authority?.id ?? '' };
    if (!authority || !(await can(db, c.var.actor, 'authority.publishDocuments', resource)).allowed)
      throw notFound();
    return {
      authority,
      base: `/back-office/authorities/${authority.slug}/issued-documents`,
      mayRevoke: (await can(db, c.var.actor, 'authority.revokeDocuments', resource)).allowed,
    };
  }

  /** The document in the path, of this authority, for one of its administrators; else absent. */
  async function revocable(c: RouteContext) {
    const staff = await staffAuthority(c);
    const document = await issuedDocumentBySerial(db, c.req.param('serial') ?? '');
    if (!staff.mayRevoke || document?.authorityId !== staff.authority.id) throw notFound();
    return { ...staff, document };
  }

  const renderRevoke = (
    c: RouteContext,
    found: Awaited<ReturnType<typeof revocable>>,
    reason = '',
    errors: FieldError[] = [],
  ) =>
    platform.render(
      c,
      {
        title: issuingMessages.translator(c.var.locale)('revokeTitle', { serial: found.document.serial }),
        status: errors.length > 0 ? 422 : 200,
      },
      <RevokePage
        locale={c.var.locale}
        base={found.base}
        document={found.document}
        reason={reason}
        errors={errors}
      />,
    );

  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/issued-documents',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, base, mayRevoke } = await staffAuthority(c);
        const serial = (c.req.query('serial') ?? '').trim().slice(0, 40);
        const authorityName = pick(authority.names, c.var.locale, authority.languages);
        return platform.render(
          c,
          { title: issuingMessages.translator(c.var.locale)('registerTitle') },
          <RegisterPage
            locale={c.var.locale}
            authorityName={authorityName}
            base={base}
            serial={serial}
            documents={await listIssuedDocuments(db, authority.id, serial ? { serial } : {})}
            mayRevoke={mayRevoke}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/issued-documents/:serial/revoke',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        return renderRevoke(c, await revocable(c));
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/issued-documents/:serial/revoke',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const found = await revocable(c);
        const reason = String((await c.req.parseBody()).reason ?? '').trim();
        if (!reason || reason.length > 500)
          return renderRevoke(c, found, reason, [
            { field: 'reason', message: issuingMessages.translator(c.var.locale)('reasonMissing') },
          ]);
        await revokeIssuedDocument(db, {
          authorityId: found.authority.id,
          serial: found.document.serial,
          reason,
          actor: `person:${loggedInPerson(c).id}`,
        });
        return c.redirect(`${found.base}?serial=${encodeURIComponent(found.document.serial)}`, 303);
      },
    },
  ];
}
