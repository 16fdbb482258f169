import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocumentOfAccount, readDocument, vaultOf } from '../../src/modules/documents/index.ts';
import { issueDocument, issuedDocumentBySerial, issuingContextOf } from '../../src/modules/signing/index.ts';
import type { createTestApp } from './test-app.ts';

type TestApp = Pick<Awaited<ReturnType<typeof createTestApp>>, 'platform' | 'database' | 'jobs'>;

/**
 * Issues an extract of the debt enforcement office through the one issuing function and runs its
 * sealing job, as the worker would: the sealed PDF and its serial.
 */
export async function issueSealedExtract(
  testApp: TestApp,
  input: { authorityId: string; accountId: string; key: string; validUntil?: Date },
): Promise<{ bytes: Uint8Array; serial: string }> {
  const context = await issuingContextOf(testApp.platform);
  const { document, serial } = await testApp.database.db.transaction().execute((tx) =>
    issueDocument(
      context,
      {
        type: 'extract',
        authorityId: input.authorityId,
        accountId: input.accountId,
        subject: { kind: 'person', name: 'Léa Favre' },
        language: 'fr',
        content: {
          title: 'Extrait du registre des poursuites',
          recipient: 'Léa Favre',
          paragraphs: ['Aucune poursuite n’est enregistrée au nom de la personne désignée ci-dessus.'],
          sections: [],
        },
        verifierFields: { n: 'Léa Favre', b: '1988-03-14' },
        validUntil: input.validUntil ?? new Date(Date.now() + 90 * 86_400_000),
        category: 'extract',
        filename: 'extrait.pdf',
        idempotencyKey: input.key,
        issuedBy: 'system',
      },
      tx,
    ),
  );
  const issued = (await issuedDocumentBySerial(testApp.database.db, serial)) as { id?: string } | undefined;
  await testApp.jobs['signing:seal-issued']?.({ issuedId: issued?.id ?? '' }, {} as never);
  const sealed = await getDocumentOfAccount(testApp.database.db, input.accountId, document.id);
  if (!sealed) throw new Error('issued document missing');
  return { bytes: new Uint8Array(await readDocument(await vaultOf(testApp.platform), sealed)), serial };
}

/** The first page of a PDF as a PNG at 150 dpi (`pdftoppm`), as a scan or a photo of the paper. */
export function firstPageAsPng(pdf: Uint8Array): Buffer {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'guichet-page-'));
  try {
    writeFileSync(path.join(folder, 'doc.pdf'), pdf);
    const run = spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', 'doc.pdf', 'page'], {
      cwd: folder,
    });
    if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr}`);
    return readFileSync(path.join(folder, 'page.png'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
