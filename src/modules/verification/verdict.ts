import { z } from 'zod';
import type { LocalisedText } from '../../platform/i18n/locales.ts';

/** The one answer a verifier gets; `invalid` covers an altered payload as well as a wrong signature. */
export const verdicts = ['valid', 'invalid', 'revoked', 'unknown-key', 'expired', 'not-yet-valid'] as const;
export type Verdict = (typeof verdicts)[number];

export interface VerificationResult {
  verdict: Verdict;
  /** What was checked: a QR code's payload, or a PDF's seal and its entry in the register. */
  source: 'qr' | 'pdf';
  /** Why, for people and logs: the layer a payload broke at, a key outside its period, … */
  reason?: string;
  issuer?: { slug: string; names: LocalisedText };
  document?: {
    type: string;
    serial: string;
    /** The signed fields to compare with the paper (QR only: a PDF shows them itself). */
    fields?: Record<string, string>;
    issuedAt: string;
    expiresAt?: string;
    revokedAt?: string;
  };
  /** PDF only: the seal as `validateSeal` saw it, and whether the register knows the file. */
  seal?: { status: string; timestampedAt?: string; coversWholeDocument: boolean; registered: boolean };
}

/** `VerificationResult` as the API documents and shapes it. */
export const verificationResultSchema = z.object({
  verdict: z.enum(verdicts),
  source: z.enum(['qr', 'pdf']),
  reason: z.string().optional(),
  issuer: z
    .object({
      slug: z.string(),
      names: z.object({ fr: z.string(), de: z.string().optional(), en: z.string().optional() }),
    })
    .optional(),
  document: z
    .object({
      type: z.string(),
      serial: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      issuedAt: z.string(),
      expiresAt: z.string().optional(),
      revokedAt: z.string().optional(),
    })
    .optional(),
  seal: z
    .object({
      status: z.string(),
      timestampedAt: z.string().optional(),
      coversWholeDocument: z.boolean(),
      registered: z.boolean(),
    })
    .optional(),
}) satisfies z.ZodType<VerificationResult>;
