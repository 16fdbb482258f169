import { generateKeyPairSync, sign } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import { sealPdf } from '../src/modules/signing/index.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import type { Db } from '../src/platform/database/database.ts';
import { serveTimestampAuthority } from '../src/simulators/tsa/serve-tsa.ts';
import { compare, report } from './load.ts';

/** A one-page letter, the size of what authorities issue. */
async function letter(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let line = 0; line < 40; line++)
    page.drawText(`Ligne ${line}: décision de l'autorité, motifs et voies de droit.`, {
      x: 50,
      y: 780 - line * 18,
      font,
      size: 11,
    });
  return document.save();
}

/**
 * Documents sealed per second (PAdES B-T: placeholder, CMS, a timestamp from the simulated TSA over
 * loopback HTTP, the database read of the current seal key) against one bare ECDSA P-256 signature.
 */
export async function benchSeal(db: Db): Promise<void> {
  const tsa = await serveTimestampAuthority();
  try {
    // The demo's seal: a key from the local CA, sealed at rest with the demo's master key.
    const context = { db, config: loadConfig({ GUICHET_DEMO: 'true', LOG_LEVEL: 'warn', TSA_URL: tsa.url }) };
    const authority = await getAuthorityBySlug(db, 'valais');
    if (!authority) throw new Error('No demo authority "valais"');
    const pdf = await letter();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const data = Buffer.from(pdf.subarray(0, 1024));
    report(
      'PDF sealed (PAdES B-T, timestamped) vs one bare ECDSA P-256 signature',
      'seal',
      await compare({
        candidate: async () => {
          await sealPdf(context, { authorityId: authority.id, pdf });
        },
        baseline: async () => {
          sign('sha256', data, privateKey);
        },
        rounds: 3,
        count: 100,
        concurrency: 4,
      }),
    );
  } finally {
    await tsa.close();
  }
}
