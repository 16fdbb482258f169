import { describe, expect, it } from 'vitest';
import { insertingLive } from './bookings.ts';

const failing = (code: string) => Object.assign(new Error(code), { code });

describe('inserting a live booking', () => {
  it('runs the transaction again when PostgreSQL aborted it to break a deadlock', async () => {
    let calls = 0;
    const result = await insertingLive(async () => {
      calls += 1;
      if (calls < 3) throw failing('40P01');
      return 'held';
    });
    expect(result).toBe('held');
    expect(calls).toBe(3);
  });

  it('passes any other error on at once, and a deadlock after five attempts', async () => {
    let calls = 0;
    const overlap = insertingLive(async () => {
      calls += 1;
      throw failing('23P01');
    });
    await expect(overlap).rejects.toMatchObject({ code: '23P01' });
    expect(calls).toBe(1);
    calls = 0;
    const deadlocked = insertingLive(async () => {
      calls += 1;
      throw failing('40P01');
    });
    await expect(deadlocked).rejects.toMatchObject({ code: '40P01' });
    expect(calls).toBe(5);
  });
});
