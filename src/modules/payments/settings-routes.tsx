import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { paymentMessages } from './messages.ts';
import { type SettingsInput, savePaymentSettings, settingsFormOf } from './payment-settings.ts';
import { SettingsPage } from './views/settings-page.tsx';

const problemMessages = {
  required: 'errRequired',
  iban: 'errIban',
  qrIban: 'errQrIban',
  notQrIban: 'errNotQrIban',
  postalCode: 'errPostalCode',
  country: 'errCountry',
  codes: 'errCodes',
  tooLong: 'errTooLong',
} as const;

const blank: SettingsInput = { provider: '', merchant: {}, creditor: {}, accountingCodes: '' };
const merchantFields = [
  'merchantId',
  'password',
  'signKey',
  'customerId',
  'terminalId',
  'apiUser',
  'apiPassword',
];
const creditorFields = [
  'name',
  'street',
  'buildingNumber',
  'postalCode',
  'town',
  'country',
  'iban',
  'qrIban',
];

/**
 * The authority's administrator sets its provider, merchant, creditor and accounting codes. Listed
 * before `/payments/:id` of the back office, which would otherwise take `settings` for an id.
 */
export function settingsRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function managed(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = { type: 'authority' as const, authorityId: authority?.id ?? '' };
    if (!authority || !(await can(db, c.var.actor, 'authority.managePayments', resource)).allowed)
      throw notFound();
    return { authority, action: `/back-office/authorities/${authority.slug}/payments/settings` };
  }

  function page(
    c: RouteContext,
    authorityName: string,
    action: string,
    values: SettingsInput,
    state: { fresh: boolean; saved: boolean; errors: { field: string; message: string }[] },
  ) {
    const t = paymentMessages.translator(c.var.locale);
    return platform.render(
      c,
      {
        title: t('settingsTitle', { authority: authorityName }),
        status: state.errors.length > 0 ? 422 : 200,
        breadcrumbs: [{ label: t('paymentsTitle'), href: action.replace(/\/settings$/, '') }],
      },
      <SettingsPage
        locale={c.var.locale}
        authorityName={authorityName}
        action={action}
        values={values}
        {...state}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/payments/settings',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, action } = await managed(c);
        const recorded = await settingsFormOf(db, authority.id);
        const name = pick(authority.names, c.var.locale, authority.languages);
        return page(c, name, action, recorded ?? blank, {
          fresh: !recorded,
          saved: c.req.query('saved') === '1',
          errors: [],
        });
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/payments/settings',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, action } = await managed(c);
        const posted = await c.req.parseBody();
        const field = (name: string) => (typeof posted[name] === 'string' ? (posted[name] as string) : '');
        const input: SettingsInput = {
          provider: field('provider'),
          merchant: Object.fromEntries(merchantFields.map((name) => [name, field(name)])),
          creditor: Object.fromEntries(creditorFields.map((name) => [name, field(name)])),
          accountingCodes: field('accountingCodes'),
        };
        const outcome = await savePaymentSettings(
          db,
          await masterKeysFor(platform.config, db),
          `person:${loggedInPerson(c).id}`,
          authority.id,
          input,
        );
        if (outcome === 'saved') return c.redirect(`${action}?saved=1`, 303);
        const t = paymentMessages.translator(c.var.locale);
        const typed = {
          ...input,
          merchant: { ...input.merchant, password: '', signKey: '', apiPassword: '' },
        };
        return page(c, pick(authority.names, c.var.locale, authority.languages), action, typed, {
          fresh: false,
          saved: false,
          errors: outcome.map((e) => ({ field: e.field, message: t(problemMessages[e.problem]) })),
        });
      },
    },
  ];
}
