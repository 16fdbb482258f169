import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { lazyChild, requestIdOf } from './request-frame.ts';

describe('the request id', () => {
  it("keeps a proxy's plain id and replaces anything else", () => {
    expect(requestIdOf('abc-123_=')).toBe('abc-123_=');
    for (const given of [undefined, '', 'a b', 'x\r\nSet-Cookie: y', 'a'.repeat(256)])
      expect(requestIdOf(given)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the request’s logger', () => {
  it('is made only when the request logs, and then carries the request id', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const child = vi.spyOn(logger, 'child');
    const log = lazyChild(logger, { requestId: 'r1' });
    expect(child).not.toHaveBeenCalled();
    log.warn({ n: 1 }, 'first');
    log.info('second');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { requestId: 'r1', n: 1, msg: 'first' },
      { requestId: 'r1', msg: 'second' },
    ]);
  });
});
