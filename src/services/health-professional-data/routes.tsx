import { getAccount } from '../../modules/accounts/index.ts';
import { getForm, getVersion, startDraft } from '../../modules/forms/index.ts';
import { getOrganisation, getPerson } from '../../modules/identity/index.ts';
import { can } from '../../modules/policy/index.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { forbidden, notFound } from '../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { announcementStart } from './announcement.ts';
import { healthRegisterMessages } from './messages.ts';
import { type RegisterEntry, RegisterUnavailableError, readRegisterEntry } from './register-client.ts';
import { changeFormId, startPath } from './setup.ts';
import { EntryPage } from './views/entry-page.tsx';
import { StartPage } from './views/start-page.tsx';

const none = { none: 'the account in use is the object, decided by can() in the handler' };

/**
 * The professional's register page and the start of an announcement. The account in use decides
 * whose entry it is — a person's own (the register knows their GLN by their AVS number), or an
 * institution's (by its UID), read by its members or under a mandate on `healthRegister`.
 */
export function healthRegisterRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The entry of the account in use, once the policy lets the actor consult (or announce) for it. */
  async function entryOfAccount(c: RouteContext, action: 'account.consult' | 'account.submit') {
    const actor = c.var.actor as PersonActor;
    const decision = await can(db, actor, action, {
      type: 'account',
      accountId: actor.account.id,
      theme: 'healthRegister',
    });
    if (!decision.allowed) throw forbidden();
    const account = await getAccount(db, actor.account.id);
    const organisation = account?.organisation_id
      ? await getOrganisation(db, account.organisation_id)
      : undefined;
    const person = !organisation && account?.person_id ? await getPerson(db, account.person_id) : undefined;
    const key = organisation?.uid ? { uid: organisation.uid } : person?.avs ? { avs: person.avs } : undefined;
    const entry = key ? await readRegisterEntry(db, key) : undefined;
    return { actor, entry, institution: organisation?.name };
  }

  /** Whether the actor may announce a change for the account in use (the button is shown only then). */
  const mayAnnounce = async (c: RouteContext) =>
    (
      await can(db, c.var.actor, 'account.submit', {
        type: 'account',
        accountId: (c.var.actor as PersonActor).account.id,
        theme: 'healthRegister',
      })
    ).allowed;

  /** The entry page, or what stands for it: no entry (404), a register that does not answer (503). */
  async function page(
    c: RouteContext,
    body: (entry: RegisterEntry, title: string) => Promise<Response>,
  ): Promise<Response> {
    const t = healthRegisterMessages.translator(c.var.locale);
    try {
      const { entry, institution } = await entryOfAccount(c, 'account.consult');
      const title = institution ? t('titleInstitution', { name: institution }) : t('titlePerson');
      if (!entry)
        return platform.render(
          c,
          { title, status: 404 },
          <>
            <h1>{title}</h1>
            <p>{t('notFound')}</p>
            <p>{t('notFoundHint')}</p>
          </>,
        );
      return body(entry, title);
    } catch (error) {
      if (!(error instanceof RegisterUnavailableError)) throw error;
      return unavailable(c);
    }
  }

  function unavailable(c: RouteContext): Promise<Response> {
    const t = healthRegisterMessages.translator(c.var.locale);
    return platform.render(
      c,
      { title: t('titlePerson'), status: 503 },
      <>
        <h1>{t('titlePerson')}</h1>
        <p>{t('unavailable')}</p>
      </>,
    );
  }

  return [
    {
      method: 'GET',
      path: '/health-register',
      access: 'person',
      level: 'substantial',
      object: none,
      handler: (c) =>
        page(c, async (entry, title) => {
          const canAnnounce = await mayAnnounce(c);
          return platform.render(
            c,
            { title },
            <EntryPage locale={c.var.locale} title={title} entry={entry} canAnnounce={canAnnounce} />,
          );
        }),
    },
    {
      // Where the catalogue's entry leads: the procedure explained and the entry as it is, then the start.
      method: 'GET',
      path: startPath,
      access: 'person',
      level: 'substantial',
      object: none,
      async handler(c) {
        const t = healthRegisterMessages.translator(c.var.locale);
        const entry = await entryOfAccount(c, 'account.consult').then(
          (found) => found.entry,
          (error: unknown) => {
            if (error instanceof RegisterUnavailableError) return 'unavailable' as const;
            throw error;
          },
        );
        const canAnnounce = await mayAnnounce(c);
        return platform.render(
          c,
          { title: t('startTitle') },
          <StartPage locale={c.var.locale} entry={entry} canAnnounce={canAnnounce} />,
        );
      },
    },
    {
      // Starts the announcement in the form runner, filled with the register's values (old and new).
      method: 'POST',
      path: '/health-register/changes',
      access: 'person',
      level: 'substantial',
      object: none,
      async handler(c) {
        // A register that does not answer is said so, as on the entry page, not a server error.
        const found = await entryOfAccount(c, 'account.submit').catch((error: unknown) => {
          if (error instanceof RegisterUnavailableError) return undefined;
          throw error;
        });
        if (!found) return unavailable(c);
        const { actor, entry } = found;
        if (!entry) throw notFound();
        const form = await getForm(db, (await changeFormId(db)) ?? '');
        const version = form && (await getVersion(db, form, 'published'));
        if (!form || !version) throw notFound();
        const draft = await startDraft(db, {
          formId: form.id,
          version: version.version,
          accountId: actor.account.id,
          personId: actor.id,
          mandateId: actor.mandate?.id ?? null,
          answers: announcementStart(entry),
        });
        return c.redirect(`/forms/drafts/${draft.id}`, 303);
      },
    },
  ];
}
