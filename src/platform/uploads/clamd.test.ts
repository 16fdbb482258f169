import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eicar } from '../../../tests/support/attack-corpus.ts';
import { freePort, startClamd } from '../../../tests/support/clamd.ts';
import { clamdScanner, ScannerUnavailable } from './clamd.ts';

let clamd: Awaited<ReturnType<typeof startClamd>>;
beforeAll(async () => {
  clamd = await startClamd();
}, 90_000);
afterAll(() => clamd?.stop());

describe('clamdScanner (zINSTREAM to a real clamd)', () => {
  it('finds EICAR and passes a clean file, also in several chunks', async () => {
    const scanner = clamdScanner(clamd.url);
    expect(await scanner.scan(eicar())).toEqual({ clean: false, signature: 'eicar.com.UNOFFICIAL' });
    expect(await scanner.scan(Buffer.alloc(200_000, 0x41))).toEqual({ clean: true });
  });

  it('says the scanner is unavailable when nothing answers, rather than passing the file', async () => {
    const scanner = clamdScanner(`tcp://127.0.0.1:${await freePort()}`, 1000);
    await expect(scanner.scan(eicar())).rejects.toBeInstanceOf(ScannerUnavailable);
  });
});
