import { createHash } from 'node:crypto';
import { z } from 'zod';
import { apiRoute, ok } from '../../platform/http/api/api-route.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { NoQrCode, readQrImage } from '../signing/index.ts';
import { verificationMessages } from './messages.ts';
import { cantonSealKey, revocationList, signJws, trustList } from './published-lists.ts';
import { verificationServiceWorker } from './service-worker.ts';
import type { VerificationSources } from './sources.ts';
import { type VerificationResult, verificationResultSchema } from './verdict.ts';
import { verifyPdf } from './verify-pdf.ts';
import { verifyQrPayload } from './verify-qr.ts';
import { VerifyPage, verificationPaths } from './views/verify-page.tsx';

const maxUploadBytes = 10 * 1024 * 1024;
/** Anyone may verify; a limit per address keeps the seal checks of PDFs from being a free CPU. */
const publicLimit = { bucket: 'verification', limit: 30, windowSeconds: 60 };
const publicObject = { none: 'verification reads only what the document itself presents' } as const;
const pageScripts = ['verification/jsQR.js', 'verification/verify.js'];

/** What is submitted: a PDF (by its magic bytes), a photo of a QR code, or the code's text. */
type Submission = { pdf: Uint8Array } | { image: Uint8Array } | { payload: string };

export function verificationRoutes(platform: Platform, sources: VerificationSources): RouteDef[] {
  const { db } = platform;

  async function verify(submission: Submission): Promise<VerificationResult | 'no-qr'> {
    const now = platform.now();
    if ('pdf' in submission) return verifyPdf(db, sources, submission.pdf, now);
    if ('payload' in submission) return verifyQrPayload(db, sources, submission.payload, now);
    const text = await readQrImage(submission.image).catch((error: unknown) => {
      if (error instanceof NoQrCode) return undefined;
      throw error;
    });
    return text ? verifyQrPayload(db, sources, text, now) : 'no-qr';
  }

  const page = (c: RouteContext, extra: { result?: VerificationResult; error?: string }, status?: 400) =>
    platform.render(
      c,
      {
        title: verificationMessages.translator(c.var.locale)('title'),
        scripts: pageScripts,
        head: <link rel="manifest" href={verificationPaths.manifest} />,
        ...(status ? { status } : {}),
      },
      <VerifyPage locale={c.var.locale} {...extra} />,
    );

  const list =
    (typ: string, build: () => Promise<{ iat: number }>, maxAge: number) => async (c: RouteContext) => {
      // The key first: the canton's first seal key, made now, belongs in the trust list it signs.
      const key = await cantonSealKey(platform, sources);
      const { iat, ...content } = await build();
      // The tag follows the content, not the signature (ECDSA's differs each time) nor the time of issue.
      const etag = `"${createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22)}"`;
      // Verifiers keep a copy offline; a short life with revalidation keeps revocations fresh online.
      const headers = {
        'Content-Type': 'application/jose; charset=utf-8',
        'Cache-Control': `public, max-age=${maxAge}, stale-while-revalidate=86400, stale-if-error=604800`,
        ETag: etag,
        'Access-Control-Allow-Origin': '*',
      };
      if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers);
      return c.body(await signJws(key, typ, { iat, ...content }), 200, headers);
    };

  return [
    {
      method: 'GET',
      path: verificationPaths.page,
      access: 'anonymous',
      object: publicObject,
      handler: (c) => page(c, {}),
    },
    {
      method: 'POST',
      path: verificationPaths.page,
      access: 'anonymous',
      object: publicObject,
      rateLimit: publicLimit,
      maxBodyBytes: maxUploadBytes,
      async handler(c) {
        const t = verificationMessages.translator(c.var.locale);
        const submission = await formSubmission(c);
        if (!submission) return page(c, { error: t('nothingToVerify') }, 400);
        const result = await verify(submission);
        return result === 'no-qr' ? page(c, { error: t('noQrFound') }, 400) : page(c, { result });
      },
    },
    {
      method: 'GET',
      path: verificationPaths.manifest,
      access: 'anonymous',
      object: publicObject,
      handler(c) {
        const t = verificationMessages.translator(c.var.locale);
        return c.body(
          JSON.stringify({
            name: t('appName'),
            short_name: t('title'),
            lang: c.var.locale,
            start_url: verificationPaths.page,
            scope: verificationPaths.page,
            display: 'standalone',
            background_color: '#ffffff',
            theme_color: '#c8102e',
            icons: [
              { src: platform.assets.url('verification/icon.svg'), sizes: 'any', type: 'image/svg+xml' },
            ],
          }),
          200,
          { 'Content-Type': 'application/manifest+json', 'Cache-Control': 'public, max-age=3600' },
        );
      },
    },
    {
      method: 'GET',
      path: verificationPaths.serviceWorker,
      access: 'anonymous',
      object: publicObject,
      handler(c) {
        const precache = ['guichet.css', 'guichet.js', 'verification/icon.svg', ...pageScripts].map((name) =>
          platform.assets.url(name),
        );
        const cacheName = `guichet-verify-${createHash('sha256').update(precache.join()).digest('hex').slice(0, 10)}`;
        const body = verificationServiceWorker({
          cacheName,
          page: verificationPaths.page,
          precache,
          lists: [verificationPaths.trustList, verificationPaths.revocations],
        });
        return c.body(body, 200, {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-cache',
        });
      },
    },
    {
      method: 'GET',
      path: verificationPaths.trustList,
      access: 'anonymous',
      object: publicObject,
      handler: list('guichet-trust-list+jwt', () => trustList(db, sources, platform.now()), 3600),
    },
    {
      method: 'GET',
      path: verificationPaths.revocations,
      access: 'anonymous',
      object: publicObject,
      handler: list('guichet-revocations+jwt', () => revocationList(db, sources, platform.now()), 300),
    },
    {
      // For everyone: a QR code's text, the cheap check, as the page does. Rate-limited per address.
      method: 'GET',
      path: verificationPaths.api,
      access: 'anonymous',
      object: publicObject,
      rateLimit: { bucket: 'verification-api', limit: 60, windowSeconds: 60 },
      async handler(c) {
        const payload = c.req.query('payload');
        if (!payload) throw new HttpError(400, 'payload_required');
        return c.json(await verify({ payload }));
      },
    },
    apiRoute(db, {
      // A whole PDF's seal check costs far more than a QR code's, hence the key that meters it.
      method: 'POST',
      path: verificationPaths.api,
      operationId: 'verifyDocument',
      summary: 'Verify a QR code’s text, a photo of it, or a sealed PDF',
      description:
        'The same check as the public /verify page: `{ "payload": "GV1:…" }` as JSON, or the bytes ' +
        'of a PDF (its seal and its entry in the register) or of a PNG/JPEG photo of the QR code.',
      tag: 'Verification',
      scope: 'verifications:read',
      object: { none: 'verification reads only what the document itself presents; the key meters' },
      maxBodyBytes: maxUploadBytes,
      body: z.object({ payload: z.string().min(1).describe('The text of a Guichet QR code, `GV1:…`.') }),
      rawBody: {
        mediaTypes: ['application/pdf', 'image/png', 'image/jpeg'],
        description: 'A sealed PDF, or a photo of the printed QR code.',
      },
      responses: { 200: verificationResultSchema },
      errors: [413, 415, 422],
      async handle({ body, raw }) {
        const result = await verify(raw ? classify(raw.bytes) : { payload: body?.payload ?? '' });
        if (result === 'no-qr') throw new HttpError(422, 'no_qr_code', 'no QR code found in the image');
        return ok(result);
      },
    }),
  ];
}

async function formSubmission(c: RouteContext): Promise<Submission | undefined> {
  const body = await c.req.parseBody();
  const file = body.file;
  if (file instanceof File && file.size > 0) return classify(new Uint8Array(await file.arrayBuffer()));
  const payload = typeof body.payload === 'string' ? body.payload.trim() : '';
  return payload ? { payload } : undefined;
}

function classify(bytes: Uint8Array): Submission {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-' ? { pdf: bytes } : { image: bytes };
}
