import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eicar, eicarInPdf } from '../../../tests/support/attack-corpus.ts';
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
    expect(await scanner.scan(eicar())).toMatchObject({ clean: false });
    expect(await scanner.scan(Buffer.alloc(200_000, 0x41))).toEqual({ clean: true });
    expect(await scanner.scan(await eicarInPdf())).toEqual({
      clean: false,
      signature: 'Guichet.Test.Eicar-Inside.UNOFFICIAL',
    });
  });

  it('says the scanner is unavailable when nothing answers, rather than passing the file', async () => {
    const scanner = clamdScanner(`tcp://127.0.0.1:${await freePort()}`, 1000);
    await expect(scanner.scan(eicar())).rejects.toBeInstanceOf(ScannerUnavailable);
  });
});
