import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { seedDemo } from '../../seed/demo.ts';
import { upsertAuthority } from './create-authority.ts';
import { demoAuthorities } from './demo-authorities.ts';
import { getAuthorityBySlug, listAuthorities } from './queries.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(() => database.drop());

describe('authorities as every page reads them', () => {
  it('see their own changes at once, and another instance’s within five seconds', async () => {
    const { db } = database;
    expect((await getAuthorityBySlug(db, 'sion'))?.palette.primary).toBe('#a6192e');
    // Another instance changes Sion's colour: this one still answers from what it read…
    await sql`update authorities set primary_colour = '#7a1020' where slug = 'sion'`.execute(db);
    expect((await getAuthorityBySlug(db, 'sion'))?.palette.primary).toBe('#a6192e');
    // …for a few seconds only.
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 6_000);
    try {
      expect((await getAuthorityBySlug(db, 'sion'))?.palette.primary).toBe('#7a1020');
    } finally {
      vi.restoreAllMocks();
    }
    // A change made here is read back at once.
    const sierre = demoAuthorities.find((a) => a.slug === 'sierre');
    if (!sierre) throw new Error('the demo has Sierre');
    await upsertAuthority(db, 'test', { ...sierre, names: { ...sierre.names, fr: 'Ville de Sierre' } });
    expect((await getAuthorityBySlug(db, 'sierre'))?.names.fr).toBe('Ville de Sierre');
    expect((await listAuthorities(db, 'commune')).map((a) => a.slug)).toContain('sierre');
  });
});
