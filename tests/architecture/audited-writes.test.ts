import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handCalls, notSensitive } from './audit-allow-list.ts';
import {
  checkAllowList,
  dataWritersIn,
  domainDataWriters,
  handCallers,
  isDomainFile,
} from './audited-writes.ts';

const root = path.resolve(import.meta.dirname, '../..');
const allowed = notSensitive;

describe('every exported domain function that changes data is audited', () => {
  const writers = domainDataWriters(root);

  it('finds the writers (the scan itself works on the real tree)', () => {
    expect(writers.length).toBeGreaterThan(40);
    expect(writers).toContainEqual({ id: 'src/modules/mandates/mandates.ts#proposeMandate', audited: true });
  });

  it('through audited/auditedTx, or on the commented allow-list', () => {
    expect(checkAllowList(writers, allowed).unaudited).toEqual([]);
  });

  it('has no stale allow-list entry (gone, renamed or now audited)', () => {
    expect(checkAllowList(writers, allowed).stale).toEqual([]);
  });

  it('says on one line why each allowed function needs no audit event', () => {
    for (const [id, why] of Object.entries(allowed)) {
      expect(why.trim(), id).not.toBe('');
      expect(why, id).not.toContain('\n');
    }
  });

  it('leaves appendAuditEvent to the wrappers', () => {
    expect(handCallers(root)).toEqual(handCalls);
  });
});

// A small fixture: the same function with and without the wrapper.
const wrapped = `
import { audited } from '../../platform/audit/audit.ts';
const event = { actor: 'cli', action: 'thing.grant', subjectType: 'thing', subjectId: '1' };
export async function grantThing(db) {
  return audited(db, event, (tx) => tx.insertInto('things').values({ id: 1 }).execute());
}
export async function readThing(db) {
  return db.selectFrom('things').selectAll().execute();
}`;
const unwrapped = wrapped.replace(
  "audited(db, event, (tx) => tx.insertInto('things').values({ id: 1 }).execute())",
  "db.insertInto('things').values({ id: 1 }).execute()",
);

describe('the scan, on fixtures', () => {
  it('sees the wrapper, and fails once it is removed', () => {
    const before = dataWritersIn('src/modules/things/things.ts', wrapped);
    expect(before).toEqual([{ id: 'src/modules/things/things.ts#grantThing', audited: true }]);
    expect(checkAllowList(before, {})).toEqual({ unaudited: [], stale: [] });
    const after = dataWritersIn('src/modules/things/things.ts', unwrapped);
    expect(after).toEqual([{ id: 'src/modules/things/things.ts#grantThing', audited: false }]);
    expect(checkAllowList(after, {}).unaudited).toEqual(['src/modules/things/things.ts#grantThing']);
  });

  it('calls an allow-list entry stale once its function is audited or gone', () => {
    const id = 'src/modules/things/things.ts#grantThing';
    expect(
      checkAllowList(dataWritersIn('src/modules/things/things.ts', unwrapped), { [id]: 'why' }).stale,
    ).toEqual([]);
    expect(
      checkAllowList(dataWritersIn('src/modules/things/things.ts', wrapped), { [id]: 'why' }).stale,
    ).toEqual([id]);
    expect(checkAllowList([], { [id]: 'why' }).stale).toEqual([id]);
  });

  it('follows private helpers of the same file, for writes and for the wrapper', () => {
    const source = `
      async function insert(tx) { await sql\`insert into things (id) values (1)\`.execute(tx); }
      async function inTrail(db, work) { return auditedTx(db, event, work); }
      export async function unaudited(db) { await insert(db); }
      export const audited = async (db) => inTrail(db, insert);
      async function notExported(db) { await insert(db); }
      const viaList = (db) => db.deleteFrom('things').execute();
      export { viaList };`;
    expect(dataWritersIn('f.ts', source)).toEqual([
      { id: 'f.ts#unaudited', audited: false },
      { id: 'f.ts#audited', audited: true },
      { id: 'f.ts#viaList', audited: false },
    ]);
  });

  it('reads SQL written by hand: insert, update, delete', () => {
    for (const statement of [
      'insert into t values (1)',
      'update t set a = 1',
      'delete from t',
      'merge into t using s on true',
    ]) {
      const source = `export async function f(db) { await sql\`${statement}\`.execute(db); }`;
      expect(dataWritersIn('f.ts', source), statement).toEqual([{ id: 'f.ts#f', audited: false }]);
    }
    expect(dataWritersIn('f.ts', 'export async function f(db) { await sql`select 1`.execute(db); }')).toEqual(
      [],
    );
  });

  it('looks at domain files only: not routes, views, migrations or tests', () => {
    expect(isDomainFile('src/modules/mandates/mandates.ts')).toBe(true);
    expect(isDomainFile('src/modules/mandates/my-space.tsx')).toBe(true);
    for (const file of [
      'src/modules/mandates/routes.tsx',
      'src/modules/identity/local-routes.tsx',
      'src/modules/mandates/views/mandates-page.tsx',
      'src/modules/mandates/migrations/2026-11-24-09-mandates-create.ts',
      'src/modules/mandates/mandates.test.ts',
    ])
      expect(isDomainFile(file), file).toBe(false);
  });
});
