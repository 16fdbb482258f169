import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { personActor, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { cookiesFrom, createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { demoCatalogue } from './demo-catalogue.ts';
import type { ServiceContent } from './service-content.ts';
import { createService, getService, publishVersion, type Service, saveVersion } from './services.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
});
afterAll(() => testApp.close());
beforeEach(() => {
  actor = null;
});

const get = (path: string, headers: Record<string, string> = {}) => testApp.app.request(path, { headers });

describe('portals', () => {
  it('serves the canton’s home in its branding, listing every commune', async () => {
    const html = await (await get('/', { 'Accept-Language': 'fr-CH' })).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Canton du Valais');
    expect(html).toContain('--brand:#b4001e');
    for (const commune of ['/communes/sion', '/communes/brig-glis', '/communes/sierre'])
      expect(html).toContain(commune);
    expect(html).toContain('Service des poursuites et faillites');
  });

  it.each([
    ['de', 'Willkommen am digitalen Schalter', 'Kanton Wallis'],
    ['en', 'Welcome to the digital counter', 'Canton of Valais'],
  ])('answers in %s when asked with ?lang, and remembers it in a cookie', async (lang, title, name) => {
    const first = await get(`/?lang=${lang}`);
    const html = await first.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(title);
    expect(html).toContain(name);
    const next = await get('/', { Cookie: cookiesFrom(first), 'Accept-Language': 'fr' });
    expect(await next.text()).toContain(`<html lang="${lang}">`);
  });

  it('shows each commune in its own colours, and in its own language by default', async () => {
    const brig = await get('/communes/brig-glis');
    const html = await brig.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Digitaler Schalter von Brig-Glis');
    expect(html).toContain('--brand:#004b87');
    expect(html).toContain('/assets/authorities/brig-glis.');
    const sion = await (await get('/communes/sion', { 'Accept-Language': 'en' })).text();
    expect(sion).toContain('Digital counter of Sion');
    expect(sion).toContain('--brand:#a6192e');
  });

  it('answers 404 for an unknown commune and for a service under /communes', async () => {
    expect((await get('/communes/atlantis')).status).toBe(404);
    expect((await get('/communes/spf')).status).toBe(404);
  });
});

describe('browsing and service pages', () => {
  it('lists services by theme, by life event and by authority', async () => {
    const health = await (await get('/services?topic=health&lang=fr')).text();
    expect(health).toContain('Démarches : Santé');
    expect(health).toContain('/services/autorisation-de-pratiquer');
    expect(health).not.toContain('/services/extrait-registre-poursuites');
    const moving = await (await get('/services?event=moving&lang=fr')).text();
    expect(moving).toContain('/services/attestation-domicile-sion');
    expect(moving).not.toContain('/services/autorisation-de-pratiquer');
    const spf = await (await get('/services?authority=spf&lang=fr')).text();
    expect(spf).toContain('/services/extrait-registre-poursuites');
    expect(spf).not.toContain('/services/enregistrement-chien-sion');
  });

  it('lists a commune’s services on its portal, with the canton’s but not other communes’', async () => {
    const sierre = await (await get('/communes/sierre/services')).text();
    expect(sierre).toContain('/services/carte-dechetterie-sierre');
    expect(sierre).toContain('/services/extrait-registre-poursuites');
    expect(sierre).not.toContain('/services/enregistrement-chien-sion');
    const sionHome = await (await get('/communes/sion')).text();
    expect(sionHome).toContain('/services/enregistrement-chien-sion');
    expect(sionHome).toContain('type="search"');
  });

  it('describes a service with its facts and schema.org structured data', async () => {
    const response = await get('/services/extrait-registre-poursuites?lang=de');
    const html = await response.text();
    expect(html).toContain('Auszug aus dem Betreibungsregister');
    expect(html).toContain('CHF');
    expect(html).toContain('17.00');
    expect(html).toContain('href="/services/extrait-registre-poursuites/start"');
    const json = html.match(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s)?.[1];
    const data = JSON.parse(json ?? 'null');
    expect(data).toMatchObject({
      '@type': 'GovernmentService',
      name: 'Auszug aus dem Betreibungsregister',
      offers: { price: '17.00', priceCurrency: 'CHF' },
      provider: { name: 'Dienststelle für Betreibungs- und Konkurswesen' },
    });
    // The authority's name needs no article where the phrasing is "Contact: …".
    expect(await (await get('/services/extrait-registre-poursuites?lang=fr')).text()).toContain(
      'Une question ? Contact : Service des poursuites et faillites',
    );
    // A communal service wears its commune's colours.
    expect(await (await get('/services/enregistrement-chien-sion')).text()).toContain('--brand:#a6192e');
    expect((await get('/services/no-such-service')).status).toBe(404);
  });

  it('lists the portals and published services in the sitemap', async () => {
    const response = await get('/sitemap.xml');
    expect(response.headers.get('Content-Type')).toContain('application/xml');
    const xml = await response.text();
    expect(xml).toContain('/communes/brig-glis</loc>');
    expect(xml).toContain('/services/reservation-saal-brig-glis</loc><lastmod>');
    expect(await (await get('/robots.txt')).text()).toMatch(/Sitemap: http:\/\/localhost\/sitemap\.xml/);
  });

  it('sends people to log in before starting, and asks for a stronger means when the service needs it', async () => {
    const anonymous = await get('/services/extrait-registre-poursuites/start');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('Location')).toMatch(/^\/login\?return=/);
    actor = personActor({ level: 'low' });
    const weak = await get('/services/extrait-registre-poursuites/start');
    expect(weak.status).toBe(303);
    expect(weak.headers.get('Location')).toContain('level=substantial');
    actor = personActor({ level: 'high' });
    const started = await get('/services/extrait-registre-poursuites/start');
    expect(started.headers.get('Location')).toMatch(/^\/forms\/[0-9a-f-]{36}\/start$/);
  });

  it('never promises an online procedure that leads nowhere: it says how to do it today', async () => {
    // Marked online by its designer, but no form runs it yet (the demo's own health services have one).
    const { db } = testApp.database;
    const demo = demoCatalogue.find((entry) => entry.slug === 'autorisation-de-pratiquer');
    const ssp = await getAuthorityBySlug(db, 'ssp');
    const content = {
      ...(demo?.content as ServiceContent),
      name: { fr: 'Autorisation d’exploiter un laboratoire' },
    };
    await publishVersion(
      db,
      'test',
      await createService(db, 'test', { authorityId: ssp?.id ?? '', slug: 'laboratoire', content }),
      1,
    );
    const html = await (await get('/services/laboratoire?lang=fr')).text();
    expect(html).not.toContain('/services/laboratoire/start');
    expect(html).toMatch(/Entièrement en ligne<\/dt>\s*<dd>Non/);
    expect(html).toContain('Comment faire cette démarche aujourd’hui');
    expect(html).toContain('href="tel:+41270001300"');
    expect(html).toContain('027 000 13 00');
    expect(html).toContain('Du lundi au vendredi');
    expect(html).toContain('href="/messages/new?authority=ssp"');
    const list = await (await get('/services?topic=health&lang=fr')).text();
    const card = list.slice(list.indexOf('Autorisation d’exploiter un laboratoire'));
    expect(card.slice(0, card.indexOf('</li>'))).toContain('Pas encore en ligne');
    // Someone who followed an old link to start it lands on the page that says how to do it.
    actor = personActor({ level: 'high' });
    for (const slug of ['laboratoire', 'attestation-domicile-sion']) {
      const start = await get(`/services/${slug}/start`);
      expect(start.status).toBe(303);
      expect(start.headers.get('Location')).toBe(`/services/${slug}`);
    }
  });

  it('leads services that run on a page of the portal, not a form, to that page', async () => {
    for (const [slug, page] of [
      ['reservation-salles-sion', '/booking/sion'],
      ['etat-mensuel-stupefiants', '/narcotics'],
      ['documents-dossier-fiscal', '/tax/documents'],
    ]) {
      const html = await (await get(`/services/${slug}?lang=fr`)).text();
      expect(html).toContain(`class="button button--primary" href="${page}"`);
      expect(html).toMatch(/Entièrement en ligne<\/dt>\s*<dd>Oui/);
      actor = personActor({ level: 'high' });
      expect((await get(`/services/${slug}/start`)).headers.get('Location')).toBe(page);
      actor = null;
    }
    const leisure = await (await get('/communes/sion/services?topic=leisure&lang=fr')).text();
    expect(leisure).toContain('/services/reservation-salles-sion');
    const found = await (await get('/communes/sion/search?q=salle&lang=fr')).text();
    const card = found.slice(found.indexOf('/services/reservation-salles-sion'));
    expect(card.slice(0, card.indexOf('</li>'))).not.toContain('Pas encore en ligne');
  });

  it('gives every authority a contact page, linked from every page’s footer with help and legal pages', async () => {
    const contact = await (await get('/authorities/brig-glis/contact')).text();
    expect(contact).toContain('<html lang="de">');
    expect(contact).toContain('Kontakt: Brig-Glis');
    expect(contact).toContain('Alte Simplonstrasse 28');
    expect(contact).toContain('schalter@brig-glis.example');
    expect((await get('/authorities/atlantis/contact')).status).toBe(404);
    const home = await (await get('/communes/sion?lang=fr')).text();
    for (const link of ['/authorities/sion/contact', '/help', '/legal', '/privacy', '/accessibility'])
      expect(home).toContain(`href="${link}"`);
    expect(home).toContain('exploitant : Canton du Valais');
    for (const [path, title] of [
      ['/help?lang=en', 'Help'],
      ['/legal?lang=de', 'Impressum'],
      ['/privacy?lang=fr', 'Protection des données'],
      ['/accessibility?lang=fr', 'Déclaration d’accessibilité'],
    ] as const) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<h1>${title}</h1>`);
    }
    expect(await (await get('/help?lang=fr')).text()).toContain(
      'Contact : <a href="/authorities/valais/contact">Canton du Valais</a>',
    );
  });
});

describe('search pages', () => {
  it('answers a plain GET form, without JavaScript', async () => {
    const html = await (await get('/search?q=pursuite&lang=fr')).text();
    expect(html).toContain('1 résultat pour « pursuite »');
    expect(html).toContain('href="/services/extrait-registre-poursuites"');
    expect(html).toMatch(/<input[^>]*type="search"[^>]*value="pursuite"/);
  });

  it('gives the results alone to the script that updates them as one types', async () => {
    const fragment = await (await get('/search?q=betreibung&fragment=1&lang=de')).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('Auszug aus dem Betreibungsregister');
  });

  it('searches within a commune’s portal', async () => {
    expect(await (await get('/communes/sierre/search?q=chien')).text()).not.toContain(
      'enregistrement-chien-sion',
    );
    expect(await (await get('/communes/sion/search?q=chien')).text()).toContain('enregistrement-chien-sion');
  });
});

describe('service designers', () => {
  async function as(role: 'agent' | 'authorityAdmin' | 'serviceDesigner', authority = 'sion') {
    const found = await getAuthorityBySlug(testApp.database.db, authority);
    if (!found) throw new Error(`no ${authority}`);
    actor = staffActor(found.id, role);
  }

  // Publishing and withdrawing are buttons of the service's editor page.
  const post = (path: string, fields: Record<string, string | string[]>) =>
    httpClient(testApp.app).submit(path, fields, path.replace(/\/(publish|withdraw)$/, ''));

  const newService = {
    authority: 'sion',
    slug: 'carte-parking-sion',
    'name.fr': 'Macaron de stationnement',
    'name.de': 'Parkkarte',
    'summary.fr': 'Stationnez dans votre quartier.',
    'description.fr': 'Le macaron vaut une année.',
    audiences: ['person'],
    fee: '120',
    processingDays: '3',
    level: 'low',
    online: 'yes',
    theme: 'communal',
    topics: ['residence'],
  };

  it('refuses agents and other authorities’ designers', async () => {
    await as('agent', 'spf');
    expect((await get('/back-office/catalogue')).status).toBe(404);
    await as('serviceDesigner', 'spf');
    expect((await get('/back-office/catalogue/enregistrement-chien-sion')).status).toBe(404);
    expect((await get('/back-office/catalogue/extrait-registre-poursuites')).status).toBe(200);
  });

  it('explains what is wrong and keeps what was typed', async () => {
    await as('serviceDesigner');
    const response = await post('/back-office/catalogue/new', {
      ...newService,
      slug: 'Bad Slug',
      fee: 'cent',
      'summary.fr': '',
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('error-summary');
    expect(html).toContain('Saisissez un montant en francs');
    expect(html).toContain('Saisissez le résumé en français');
    expect(html).toContain('value="Macaron de stationnement"');
  });

  it('takes a page of the portal as the online procedure, never an address elsewhere', async () => {
    await as('serviceDesigner');
    for (const startPath of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'booking',
      '/a//b',
    ]) {
      const response = await post('/back-office/catalogue/new', {
        ...newService,
        slug: 'salle-x',
        startPath,
      });
      expect(response.status).toBe(422);
      expect(await response.text()).toContain('Saisissez un chemin du portail commençant par une seule /');
    }
    const saved = await post('/back-office/catalogue/new', {
      ...newService,
      slug: 'salle-ecole-sion',
      startPath: '/booking/sion',
    });
    expect(saved.status).toBe(303);
    const editor = await (await get('/back-office/catalogue/salle-ecole-sion')).text();
    expect(editor).toMatch(/<input[^>]*name="startPath"[^>]*value="\/booking\/sion"/);
    await expect(
      saveVersion(
        testApp.database.db,
        'test',
        (await getService(testApp.database.db, { slug: 'salle-ecole-sion' })) as Service,
        {
          ...(demoCatalogue[0]?.content as ServiceContent),
          startPath: '//evil.example',
        },
      ),
    ).rejects.toThrow();
  });

  it('publishes a new communal service on its commune’s portal only, with every step versioned and audited', async () => {
    await as('serviceDesigner');
    const created = await post('/back-office/catalogue/new', newService);
    expect(created.status).toBe(303);
    // A draft is not public.
    expect((await get('/services/carte-parking-sion')).status).toBe(404);
    const editor = await (await get('/back-office/catalogue/carte-parking-sion')).text();
    expect(editor).toContain('Traduction manquante'); // summary.de, description.de, …
    expect((await post('/back-office/catalogue/carte-parking-sion/publish', { version: '1' })).status).toBe(
      303,
    );
    expect(await (await get('/communes/sion')).text()).toContain('/services/carte-parking-sion');
    expect(await (await get('/communes/sierre/services')).text()).not.toContain(
      '/services/carte-parking-sion',
    );
    expect(await (await get('/search?q=macaron')).text()).toContain('/services/carte-parking-sion');

    // A second version stays private until published.
    await post('/back-office/catalogue/carte-parking-sion', {
      ...newService,
      'name.fr': 'Macaron de parking',
    });
    expect(await (await get('/services/carte-parking-sion')).text()).toContain('Macaron de stationnement');
    // The designer is told where things stand, and previews the draft with its publish button.
    const drafting = await (await get('/back-office/catalogue/carte-parking-sion')).text();
    expect(drafting).toContain(
      'Vous modifiez un brouillon (version 2). Le public voit toujours la version 1.',
    );
    const preview = await (await get('/back-office/catalogue/carte-parking-sion/preview')).text();
    expect(preview).toContain('Macaron de parking');
    expect(preview).toContain('Aperçu du brouillon, version 2 — le public voit toujours la version 1.');
    expect(preview).toContain('Publier la version 2');
    const current = await (await get('/back-office/catalogue/carte-parking-sion/preview?version=1')).text();
    expect(current).toContain('Version 1 : celle que le public voit.');
    expect(current).not.toContain('Publier la version');
    await post('/back-office/catalogue/carte-parking-sion/publish', { version: '2' });
    expect(await (await get('/services/carte-parking-sion')).text()).toContain('Macaron de parking');
    expect(await (await get('/back-office/catalogue/carte-parking-sion')).text()).toContain(
      'Le public voit la version 2. Vos modifications seront enregistrées comme brouillon (version 3)',
    );

    await post('/back-office/catalogue/carte-parking-sion/withdraw', {});
    expect((await get('/services/carte-parking-sion')).status).toBe(404);

    const { rows } = await sql<{ action: string; details: { version?: number } }>`
      select action, details from audit_events where action like 'catalogue.service.%' and actor = ${`person:${actor?.id}`}
      order by id`.execute(testApp.database.db);
    expect(rows.map((r) => r.action)).toEqual([
      'catalogue.service.create',
      'catalogue.service.publish',
      'catalogue.service.save',
      'catalogue.service.publish',
      'catalogue.service.withdraw',
    ]);
  });

  it('lets designers add search synonyms', async () => {
    await as('serviceDesigner');
    expect(await (await get('/search?q=vignette')).text()).not.toContain('/services/');
    expect((await post('/back-office/catalogue/synonyms', { terms: 'Vignette, chien' })).status).toBe(303);
    expect(await (await get('/search?q=vignette')).text()).toContain('/services/enregistrement-chien-sion');
    const refused = await post('/back-office/catalogue/synonyms', { terms: 'seul' });
    expect(refused.status).toBe(422);
  });
});
