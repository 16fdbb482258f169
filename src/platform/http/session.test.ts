import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsSentDuring } from '../../../tests/support/statements.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { deriveSecrets } from '../crypto/secrets.ts';
import { hitRateLimit } from './rate-limit.ts';
import { endedSessionGraceHours, purgeExpiredSessions, Session, type SessionReads } from './session.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const policy = { idleMinutes: 30, absoluteHours: 12 };
const minutes = (start: Date, n: number) => new Date(start.getTime() + n * 60_000);

describe('sessions', () => {
  it('draws a fresh session’s id once, when first needed, and binds its CSRF token to it', () => {
    const secrets = deriveSecrets('test-secret');
    const session = Session.fresh(new Date());
    const token = session.csrfToken(secrets);
    const id = session.cookieValue;
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.cookieValue).toBe(id);
    expect(session.verifyCsrfToken(secrets, token)).toBe(true);
    expect(Session.fresh(new Date()).cookieValue).not.toBe(id);
  });

  it('reads the companion with the row, in the same statement, for the data as loaded', async () => {
    const now = new Date();
    const session = Session.fresh(now);
    session.set('person', 'p1');
    await session.save(database.db, policy, now);
    let again: Session | undefined;
    const statements = await statementsSentDuring(async () => {
      again = await Session.load(
        database.db,
        session.cookieValue,
        policy,
        now,
        (data) => sql`${data}->>'person'`,
      );
    });
    expect(statements).toHaveLength(1);
    if (!again) throw new Error('not loaded');
    expect(again.companion).toBe('p1');
    again.set('person', 'p2');
    expect(again.companion).toBeUndefined();
  });

  it('keeps the companion while its scopes are quiet, and reads it again once one changed', async () => {
    const now = new Date();
    const reads: SessionReads = {
      companion: (data) => sql`${data}->>'person'`,
      scopes: (data) => sql<string[]>`array[(${data}->>'person')::uuid]`,
    };
    const people = Array.from({ length: 3 }, () => randomUUID());
    const ids: string[] = [];
    for (const person of people) {
      const session = Session.fresh(now);
      session.set('person', person);
      await session.save(database.db, policy, now);
      ids.push(session.cookieValue);
      await Session.load(database.db, session.cookieValue, policy, now, reads); // read and kept
    }
    await sql`select log_change(${people[1]}::uuid)`.execute(database.db);
    let loaded: Session[] = [];
    const statements = await statementsSentDuring(async () => {
      loaded = await Promise.all(ids.map((id) => Session.load(database.db, id, policy, now, reads)));
    });
    // Each got its own row and what was kept for it; only the one whose scope changed read it again.
    expect(loaded.map((session) => session.companion)).toEqual(people);
    expect(statements.filter((text) => text.includes('change_log'))).toHaveLength(people.length);
    expect(
      statements.filter((text) => text.includes("->>'person'") && !text.includes('change_log')),
    ).toHaveLength(1);
  });

  it('stores data server-side and finds it again by the cookie value', async () => {
    const now = new Date();
    const session = Session.fresh(now);
    session.set('person', 'p1');
    await session.save(database.db, policy, now);
    const again = await Session.load(database.db, session.cookieValue, policy, minutes(now, 1));
    expect(again.get('person')).toBe('p1');
  });

  it('gets a new id on regenerate, and the old id no longer opens it', async () => {
    const now = new Date();
    const session = Session.fresh(now);
    session.set('person', 'p1');
    await session.save(database.db, policy, now);
    const before = session.cookieValue;
    session.regenerate();
    await session.save(database.db, policy, now);
    expect(session.cookieValue).not.toBe(before);
    expect((await Session.load(database.db, before, policy, now)).get('person')).toBeUndefined();
    expect((await Session.load(database.db, session.cookieValue, policy, now)).get('person')).toBe('p1');
  });

  it('expires after the idle time-out and after the absolute time-out', async () => {
    const start = new Date();
    const idle = Session.fresh(start);
    idle.set('person', 'p1');
    await idle.save(database.db, policy, start);
    expect(
      (await Session.load(database.db, idle.cookieValue, policy, minutes(start, 31))).get('person'),
    ).toBeUndefined();

    const busy = Session.fresh(start);
    busy.set('person', 'p2');
    await busy.save(database.db, policy, start);
    let at = start;
    for (let step = 0; step < 30; step++) {
      at = minutes(at, 25); // active every 25 minutes: never idle, but 12 hours pass
      const loaded = await Session.load(database.db, busy.cookieValue, policy, at);
      if (step < 28) expect(loaded.get('person')).toBe('p2');
      else expect(loaded.get('person')).toBeUndefined();
      loaded.set('touch', step);
      await loaded.save(database.db, policy, at);
    }
  });

  it('purges expired rows: emptied at once, deleted once the grace for late posts has passed', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const session = Session.fresh(start);
    session.set('person', 'p3');
    await session.save(database.db, policy, start);
    const stored = () =>
      sql<{
        data: unknown;
      }>`select data from sessions where data @> '{"person":"p3"}' or expires_at = ${minutes(start, 31)}`
        .execute(database.db)
        .then((r) => r.rows);
    await purgeExpiredSessions(database.db, policy, minutes(start, 31));
    expect(await stored()).toEqual([{ data: {} }]);
    const later = minutes(start, 31 + endedSessionGraceHours * 60);
    expect(await purgeExpiredSessions(database.db, policy, later)).toBeGreaterThanOrEqual(1);
    expect(await stored()).toEqual([]);
  });

  it('knows, after a time-out, whose session ended, for a token its pages issued only', async () => {
    const secrets = deriveSecrets('test-secret');
    const start = new Date('2026-02-01T00:00:00Z');
    const session = Session.fresh(start);
    session.setSubject('person-7', 'test');
    session.set('auth', { level: 'high' });
    const token = session.csrfToken(secrets);
    await session.save(database.db, policy, start);
    const other = Session.fresh(start).csrfToken(secrets);

    const live = await Session.load(database.db, session.cookieValue, policy, minutes(start, 29));
    expect(live.endedSubjectFor(secrets, token)).toBeUndefined();
    const ended = await Session.load(database.db, session.cookieValue, policy, minutes(start, 31));
    expect(ended.get('auth')).toBeUndefined();
    expect(ended.verifyCsrfToken(secrets, token)).toBe(false);
    expect(ended.endedSubjectFor(secrets, token)).toBe('person-7');
    expect(ended.endedSubjectFor(secrets, other)).toBeUndefined();
    expect(ended.endedSubjectFor(secrets, undefined)).toBeUndefined();
    // Ended, not gone: a second post from the same pages is still recognised, and still not let in.
    const again = await Session.load(database.db, session.cookieValue, policy, minutes(start, 40));
    expect(again.get('auth')).toBeUndefined();
    expect(again.endedSubjectFor(secrets, token)).toBe('person-7');
  });

  it('tells when the idle time-out would end the session, from the last-seen time as it is stored', async () => {
    const start = new Date('2026-03-01T00:00:00Z');
    const session = Session.fresh(start);
    session.set('person', 'p4');
    await session.save(database.db, policy, start);
    // Within the minute the row is not touched: the time-out still counts from the start.
    const soon = await Session.load(database.db, session.cookieValue, policy, minutes(start, 0.5));
    expect(soon.idleEndsAt()).toEqual(minutes(start, 30));
    expect(soon.absoluteEndsAt()).toEqual(minutes(start, 12 * 60));
    soon.touch();
    expect(soon.idleEndsAt()).toEqual(minutes(start, 30.5));
    await soon.save(database.db, policy, minutes(start, 0.5));
    const later = await Session.load(database.db, session.cookieValue, policy, minutes(start, 30.2));
    expect(later.get('person')).toBe('p4');
    expect(later.idleEndsAt()).toEqual(minutes(start, 60.2));
  });

  it('binds the CSRF token to the session id', () => {
    const secrets = deriveSecrets('test-secret');
    const session = Session.fresh(new Date());
    const token = session.csrfToken(secrets);
    expect(session.verifyCsrfToken(secrets, token)).toBe(true);
    expect(Session.fresh(new Date()).verifyCsrfToken(secrets, token)).toBe(false);
    expect(session.verifyCsrfToken(deriveSecrets('other-secret'), token)).toBe(false);
    expect(session.verifyCsrfToken(secrets, undefined)).toBe(false);
    session.regenerate();
    expect(session.verifyCsrfToken(secrets, token)).toBe(false);
  });
});

describe('rate limit', () => {
  it('refuses the hit after the limit, counts per key, and slides: the last window still counts', async () => {
    const rule = { bucket: 'test', limit: 3, windowSeconds: 60 };
    const at = (time: string) => new Date(`2026-11-24T${time}Z`);
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await hitRateLimit(database.db, rule, '10.0.0.1', at('10:00:10')));
    // Four hits in this window: the estimate falls back to three 15 s into the next one.
    expect(waits).toEqual([0, 0, 0, 65]);
    expect(await hitRateLimit(database.db, rule, '10.0.0.2', at('10:00:10'))).toBe(0);
    // A new fixed window would allow it; the sliding one still counts the burst of 10:00.
    expect(await hitRateLimit(database.db, rule, '10.0.0.1', at('10:01:00'))).toBeGreaterThan(0);
    expect(await hitRateLimit(database.db, rule, '10.0.0.1', at('10:01:50'))).toBe(0);
  });
});
