import { setCookie } from 'hono/cookie';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { identityPaths, portalPaths } from '../../platform/http/identity-paths.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { isLocale } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import {
  commercialRegisterClient,
  findOrganisationByUid,
  getPerson,
  switchAccount,
  updateLanguages,
  upsertOrganisation,
} from '../identity/index.ts';
import { bindOrganisationMandates, principalsOf } from '../mandates/index.ts';
import { hasPushSubscription } from '../notifications/index.ts';
import { can } from '../policy/index.ts';
import { accessLogRoutes } from './access-log-routes.tsx';
import { accountAccess, getAccount, listAccountsOf, openProfessionalAccount } from './accounts.ts';
import { accountMessages } from './messages.ts';
import { renderMySpace } from './my-space-routes.tsx';
import {
  type NotificationChoices,
  notificationChannels,
  notificationChoices,
  notificationEvents,
  setNotificationChoices,
} from './notification-preferences.ts';
import { AccountsPage } from './views/accounts-page.tsx';
import { PreferencesPage } from './views/preferences-page.tsx';

export function accountRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const register = commercialRegisterClient(platform.config.commercialRegisterUrl);

  const personId = (c: RouteContext) => loggedInPerson(c).id;

  /** Companies the person signs for according to the register, without an account of theirs yet. */
  async function signableOrganisations(id: string, accounts: { organisationId: string | null }[]) {
    const person = await getPerson(db, id);
    if (!person?.avs) return [];
    try {
      const entries = await register.companiesSignedBy(person.avs);
      const known = await Promise.all(entries.map((e) => findOrganisationByUid(db, e.uid)));
      return entries
        .filter(
          (_, i) => !accounts.some((a) => a.organisationId !== null && a.organisationId === known[i]?.id),
        )
        .map((e) => ({ uid: e.uid, name: e.name }));
    } catch (error) {
      platform.logger.warn({ err: error }, 'commercial register unavailable');
      return undefined;
    }
  }

  /** What the preferences page needs: the person's languages and channels, the account's choices. */
  async function preferences(c: RouteContext) {
    const actor = c.var.actor;
    const person = await getPerson(db, personId(c));
    if (!person || actor?.kind !== 'person') throw new HttpError(401, 'unauthenticated');
    // Asked without a theme, so only the account's own people: a mandate covers themes, not preferences.
    const account = { type: 'account' as const, accountId: actor.account.id };
    const decision = await can(db, actor, 'account.consult', account);
    const access = decision.allowed ? await accountAccess(db, person.id, actor.account.id) : undefined;
    if (!access) throw notFound();
    const available = {
      email: Boolean(person.email && person.email_verified_at),
      sms: Boolean(person.mobile && person.mobile_verified_at),
      push: await hasPushSubscription(db, person.id),
    };
    const mayChange = (await can(db, actor, 'account.manage', { type: 'account', accountId: access.id }))
      .allowed;
    return { person, access, available, mayChange };
  }

  return [
    ...accessLogRoutes(platform),
    {
      method: 'GET',
      path: '/preferences',
      access: 'person',
      async handler(c) {
        const { person, access, available, mayChange } = await preferences(c);
        const t = accountMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('preferencesTitle') },
          <PreferencesPage
            locale={c.var.locale}
            languages={{
              interface: person.preferred_language,
              forms: person.form_language,
              notifications: person.notification_language,
            }}
            accountName={access.name}
            choices={await notificationChoices(db, access.id)}
            available={available}
            mayChangeNotifications={mayChange}
            saved={c.req.query('saved') === '1'}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/preferences',
      access: 'person',
      async handler(c) {
        const { person, access, available, mayChange } = await preferences(c);
        const form = await c.req.parseBody({ all: true });
        const language = (name: string) => {
          const value = form[name];
          return isLocale(value) ? value : null;
        };
        const chosen = language('interfaceLanguage') ?? person.preferred_language;
        await updateLanguages(db, person.id, {
          interface: chosen,
          forms: language('formLanguage'),
          notifications: language('notificationLanguage'),
        });
        if (mayChange) {
          const choices = Object.fromEntries(
            notificationEvents.map((event) => {
              const raw = form[`notify.${event}`];
              const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
              return [
                event,
                notificationChannels.filter((channel) => values.includes(channel) && available[channel]),
              ];
            }),
          ) as NotificationChoices;
          await setNotificationChoices(db, `person:${person.id}`, access.id, choices);
        }
        // The interface language chosen here is also this browser's from now on.
        setCookie(c, 'lang', chosen, { path: '/', maxAge: 31_536_000, sameSite: 'Lax' });
        return c.redirect('/preferences?saved=1', 303);
      },
    },
    {
      method: 'GET',
      path: identityPaths.accounts,
      access: 'person',
      async handler(c) {
        const id = personId(c);
        const accounts = await listAccountsOf(db, id);
        const actor = c.var.actor;
        const t = accountMessages.translator(c.var.locale);
        const principals = await Promise.all(
          (await principalsOf(db, id)).map(async (p) => ({
            id: p.accountId,
            name: (await getAccount(db, p.accountId))?.name ?? '',
          })),
        );
        const switched = [...accounts, ...principals].find((a) => a.id === c.req.query('switched'))?.name;
        return platform.render(
          c,
          { title: t('accountsTitle') },
          <AccountsPage
            locale={c.var.locale}
            accounts={accounts}
            currentId={actor?.kind === 'person' ? actor.account.id : ''}
            organisations={await signableOrganisations(id, accounts)}
            switchedTo={switched}
            principals={principals}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: portalPaths.mySpace,
      access: 'person',
      handler: (c) => renderMySpace(platform, c),
    },
    {
      method: 'POST',
      path: '/accounts/switch',
      access: 'person',
      async handler(c) {
        const form = await c.req.parseBody();
        const wanted = String(form.account ?? '');
        // Someone else's account only under a mandate in force (checked again on every request).
        const use = await can(db, c.var.actor, 'account.use', { type: 'account', accountId: wanted });
        if (!use.allowed) throw notFound(); // as if it did not exist
        switchAccount(c.var.session, wanted);
        if (form.return === portalPaths.mySpace) return c.redirect(portalPaths.mySpace, 303);
        return c.redirect(`${identityPaths.accounts}?switched=${wanted}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/accounts/professional',
      access: 'person',
      async handler(c) {
        const id = personId(c);
        const form = await c.req.parseBody();
        const person = await getPerson(db, id);
        const entry = await register.company(String(form.uid ?? ''));
        // The register is the authority on who may sign: check it now, not what the page showed.
        if (!person?.avs || !entry?.signatories.some((s) => s.avs === person.avs))
          throw new HttpError(403, 'forbidden');
        const organisation = await upsertOrganisation(db, entry);
        const accountId = await openProfessionalAccount(db, id, {
          id: organisation.id,
          name: organisation.name,
        });
        // Mandates given to the organisation (by UID) before it came are now its own, to answer.
        await bindOrganisationMandates(db, { byPersonId: id, accountId, uid: organisation.uid });
        switchAccount(c.var.session, accountId);
        return c.redirect(`${identityPaths.accounts}?switched=${accountId}`, 303);
      },
    },
  ];
}
