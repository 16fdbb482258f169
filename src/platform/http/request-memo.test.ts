import { describe, expect, it } from 'vitest';
import type { Db } from '../database/database.ts';
import { readOncePerRequest, rememberForRequest, withRequestMemo } from './request-memo.ts';

const db = { isTransaction: false } as Db;
const transaction = { isTransaction: true } as Db;

describe('reads made once per request', () => {
  it('reads once within a request, afresh in the next one and outside any', async () => {
    let loads = 0;
    const read = () => readOncePerRequest(db, 'k', async () => ++loads);
    await withRequestMemo(async () => {
      expect(await Promise.all([read(), read()])).toEqual([1, 1]);
      expect(await read()).toBe(1);
    });
    await withRequestMemo(async () => expect(await read()).toBe(2));
    expect(await read()).toBe(3);
    expect(await read()).toBe(4);
  });

  it('never inside a transaction, nor for a failed read', async () => {
    let loads = 0;
    await withRequestMemo(async () => {
      const inTransaction = () => readOncePerRequest(transaction, 'k', async () => ++loads);
      expect([await inTransaction(), await inTransaction()]).toEqual([1, 2]);
      let fail = true;
      const flaky = () =>
        readOncePerRequest(db, 'f', async () => {
          if (fail) throw new Error('down');
          return 'up';
        });
      await expect(flaky()).rejects.toThrow('down');
      fail = false;
      expect(await flaky()).toBe('up');
    });
  });

  it('serves what a combined read gave for the rest of the request only, never in a transaction', async () => {
    let loads = 0;
    const read = (on: Db) => readOncePerRequest(on, 'r', async () => ++loads);
    await withRequestMemo(async () => {
      rememberForRequest(db, 'r', 0);
      rememberForRequest(transaction, 'r', 0);
      expect([await read(db), await read(transaction)]).toEqual([0, 1]);
    });
    await withRequestMemo(async () => expect(await read(db)).toBe(2));
  });
});
