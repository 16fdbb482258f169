import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { parseMasterKeys } from '../crypto/master-keys.ts';
import {
  dropKeptPost,
  findKeptPost,
  keepPost,
  keptPostField,
  keptPostMinutes,
  keptPostSealedCall,
  openKeptPost,
} from './kept-posts.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const keys = parseMasterKeys(`k1:${Buffer.alloc(32, 7).toString('base64')}`);
const now = new Date('2031-03-01T10:00:00Z');
const post = {
  fields: { _csrf: 'v1.token', [keptPostField]: '1', note: 'Rue du Rhône 12' },
  fileFields: ['diploma'],
};

describe('kept posts', () => {
  it('gives a post back to its person at its address only, without the router’s fields, until it expires', async () => {
    const { db } = database;
    await keepPost(db, keys, { subject: 'person-a', action: '/forms/drafts/d1/steps/s1', post, now });
    const found = await findKeptPost(db, keys, 'person-a', '/forms/drafts/d1/steps/s1', now);
    expect(found).toEqual({ fields: { note: 'Rue du Rhône 12' }, fileFields: ['diploma'] });
    expect(await findKeptPost(db, keys, 'person-b', '/forms/drafts/d1/steps/s1', now)).toBeUndefined();
    expect(await findKeptPost(db, keys, 'person-a', '/forms/drafts/d1/steps/s2', now)).toBeUndefined();
    const late = new Date(now.getTime() + keptPostMinutes * 60_000);
    expect(await findKeptPost(db, keys, 'person-a', '/forms/drafts/d1/steps/s1', late)).toBeUndefined();
    await dropKeptPost(db, 'person-a', '/forms/drafts/d1/steps/s1');
    expect(await findKeptPost(db, keys, 'person-a', '/forms/drafts/d1/steps/s1', now)).toBeUndefined();
  });

  it('is read along another statement, at an address that statement computes, and opens for it only', async () => {
    const { db } = database;
    await keepPost(db, keys, { subject: 'person-e', action: '/forms/drafts/d2/steps/s1', post, now });
    const along = (subject: string, step: string, at: Date) =>
      sql<{ id: number; kept: string | null }>`
        select s.id, ${keptPostSealedCall(subject, sql<string>`'/forms/drafts/d2/steps/' || s.step`, at)} as kept
        from (values (1, ${step}::text)) as s(id, step)`
        .execute(db)
        .then((result) => result.rows[0]);
    const found = await along('person-e', 's1', now);
    expect(found?.id).toBe(1);
    const sealed = found?.kept ?? '';
    expect(openKeptPost(keys, 'person-e', '/forms/drafts/d2/steps/s1', sealed)).toEqual({
      fields: { note: 'Rue du Rhône 12' },
      fileFields: ['diploma'],
    });
    expect(() => openKeptPost(keys, 'person-e', '/forms/drafts/d2/steps/s2', sealed)).toThrow();
    expect(() => openKeptPost(keys, 'person-f', '/forms/drafts/d2/steps/s1', sealed)).toThrow();
    // Another person, another step, or past its hour: the row is still read, with nothing kept.
    expect(await along('person-f', 's1', now)).toEqual({ id: 1, kept: null });
    expect(await along('person-e', 's2', now)).toEqual({ id: 1, kept: null });
    const late = new Date(now.getTime() + keptPostMinutes * 60_000);
    expect(await along('person-e', 's1', late)).toEqual({ id: 1, kept: null });
  });

  it('is sealed for its person and address: copied onto another person’s row, it does not open', async () => {
    const { db } = database;
    await keepPost(db, keys, { subject: 'person-c', action: '/a', post, now });
    await keepPost(db, keys, {
      subject: 'person-d',
      action: '/a',
      post: { fields: {}, fileFields: [] },
      now,
    });
    await sql`update kept_posts set sealed = (select sealed from kept_posts where subject = 'person-c') where subject = 'person-d'`.execute(
      db,
    );
    await expect(findKeptPost(db, keys, 'person-d', '/a', now)).rejects.toThrow();
  });
});
