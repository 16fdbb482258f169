import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { type Authority, getAuthorityBySlug } from '../authorities/index.ts';
import { createDesignedService } from './create-designed-service.ts';
import { getService, getServiceEntry } from './services.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let sion: Authority;

beforeAll(async () => {
  testApp = await createTestApp(); // with the demo catalogue
  sion = (await getAuthorityBySlug(testApp.database.db, 'sion')) as Authority;
});
afterAll(() => testApp.close());

const form = (slug: string) => ({
  authority: 'sion',
  slug,
  'name.fr': 'Carte de déchèterie',
  'summary.fr': 'Accédez à la déchèterie.',
  'description.fr': 'La carte vaut une année.',
  audiences: ['person'],
  level: 'low',
  online: 'no',
  topics: ['residence'],
});

describe('creating a designer’s new service', () => {
  it('creates its first draft for an authority the designer designs for', async () => {
    const db = testApp.database.db;
    const result = await createDesignedService(db, 'person:designer', [sion], form('carte-decheterie-sion'));
    expect(result).toEqual({ created: true, slug: 'carte-decheterie-sion' });
    const service = await getService(db, { slug: 'carte-decheterie-sion' });
    expect(service?.authorityId).toBe(sion.id);
    expect(service?.publishedVersion).toBeNull();
    const entry = await getServiceEntry(db, { slug: 'carte-decheterie-sion' }, 'latest');
    expect(entry?.content.name.fr).toBe('Carte de déchèterie');
  });

  it('refuses an authority the designer does not design for, and writes nothing', async () => {
    const db = testApp.database.db;
    const result = await createDesignedService(db, 'person:designer', [], form('carte-refusee'));
    expect(result).toEqual({
      created: false,
      problems: [{ field: 'authority', problem: 'authorityMissing' }],
    });
    expect(await getService(db, { slug: 'carte-refusee' })).toBeUndefined();
  });

  it('refuses a malformed or taken address, listed before the content’s problems', async () => {
    const db = testApp.database.db;
    const bad = await createDesignedService(db, 'person:designer', [sion], {
      ...form('Bad Slug'),
      'summary.fr': '',
    });
    expect(bad).toEqual({
      created: false,
      problems: [
        { field: 'slug', problem: 'slugInvalid' },
        { field: 'summary.fr', problem: 'summaryMissing' },
      ],
    });
    await createDesignedService(db, 'person:designer', [sion], form('carte-prise'));
    const taken = await createDesignedService(db, 'person:designer', [sion], form('carte-prise'));
    expect(taken).toEqual({ created: false, problems: [{ field: 'slug', problem: 'slugTaken' }] });
  });
});
