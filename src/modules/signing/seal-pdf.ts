import { getAuthorityById } from '../authorities/index.ts';
import type { SealContext } from './context.ts';
import { currentSealKey } from './seal-keys.ts';
import { padesBaselineT, type Signer } from './signer.ts';
import { timestampClient } from './timestamp-client.ts';

/**
 * Seals a PDF with the authority's seal (PAdES baseline B-T): the whole file is covered but for the
 * signature itself, and the timestamp authority dates the signature.
 *
 * @example const sealed = await sealPdf(platform, { authorityId, pdf });
 */
export async function sealPdf(
  context: SealContext,
  input: { authorityId: string; pdf: Uint8Array },
): Promise<Uint8Array> {
  const tsaUrl = context.config.seal.tsaUrl;
  if (!tsaUrl) throw new Error('TSA_URL is not set: a seal needs a timestamp authority');
  const authority = await getAuthorityById(context.db, input.authorityId);
  if (!authority) throw new Error(`No authority ${input.authorityId}`);
  const key = await currentSealKey(context, input.authorityId);
  return signPdf(input.pdf, padesBaselineT(key, timestampClient(tsaUrl)), {
    name: authority.names.fr,
    reason: 'Sceau électronique / Elektronisches Siegel / Electronic seal',
  });
}

/** Puts a signature field into the PDF and fills it with what `signer` makes over its byte range. */
export async function signPdf(
  pdf: Uint8Array,
  signer: Signer,
  labels: { name: string; reason: string },
): Promise<Uint8Array> {
  // pdf-lib and @signpdf (~220 modules) load with the first seal, not at every start.
  const [{ pdflibAddPlaceholder }, { SignPdf }, { Signer: SignPdfSigner }, { PDFDocument }] =
    await Promise.all([
      import('@signpdf/placeholder-pdf-lib'),
      import('@signpdf/signpdf'),
      import('@signpdf/utils'),
      import('pdf-lib'),
    ]);
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: document,
    reason: labels.reason,
    name: labels.name,
    contactInfo: '',
    location: '',
    subFilter: signer.subFilter,
    signatureLength: signer.maxLength,
  });
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
  // @signpdf's signers sign once: one adapter per document.
  const adapter = new (class extends SignPdfSigner {
    override async sign(signedBytes: Buffer): Promise<Buffer> {
      return Buffer.from(await signer.sign(new Uint8Array(signedBytes)));
    }
  })();
  return new Uint8Array(await new SignPdf().sign(prepared, adapter));
}
