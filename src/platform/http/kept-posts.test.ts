import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { parseMasterKeys } from '../crypto/master-keys.ts';
import { dropKeptPost, findKeptPost, keepPost, keptPostMinutes } from './kept-posts.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const keys = parseMasterKeys(`k1:${Buffer.alloc(32, 7).toString('base64')}`);
const now = new Date('2031-03-01T10:00:00Z');
const post = { fields: { _csrf: 'v1.token', note: 'Rue du Rhône 12' }, fileFields: ['diploma'] };

describe('kept posts', () => {
  it('gives a post back to its person at its address only, without the token, until it expires', async () => {
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
