import { randomBytes } from 'node:crypto';
import type { Answer } from './store.ts';

export const specVersion = '1.40';

export type Body = Record<string, unknown> & { RequestHeader?: Record<string, unknown> };

export const url = (value: unknown): value is string =>
  typeof value === 'string' && /^https?:\/\/\S+$/.test(value);
export const amountOk = (amount: unknown): amount is { Value: string; CurrencyCode: string } => {
  const a = amount as { Value?: unknown; CurrencyCode?: unknown } | undefined;
  return (
    typeof a?.Value === 'string' &&
    /^[1-9]\d{0,9}$/.test(a.Value) &&
    typeof a.CurrencyCode === 'string' &&
    /^[A-Z]{3}$/.test(a.CurrencyCode)
  );
};
export const now = () => new Date().toISOString();
export const newId = () => randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);

/** An error answer as Saferpay gives it: what to do (`Behavior`), what went wrong (`ErrorName`). */
export const error = (
  status: Answer['status'],
  requestId: unknown,
  behavior: 'ABORT' | 'RETRY' | 'RETRY_LATER' | 'OTHER_MEANS',
  name: string,
  message: string,
  extra: Record<string, unknown> = {},
): Answer => ({
  status,
  body: {
    ResponseHeader: { SpecVersion: specVersion, RequestId: String(requestId ?? '') },
    Behavior: behavior,
    ErrorName: name,
    ErrorMessage: message,
    ...extra,
  },
});
export const ok = (requestId: unknown, body: Record<string, unknown>): Answer => ({
  status: 200,
  body: { ResponseHeader: { SpecVersion: specVersion, RequestId: String(requestId) }, ...body },
});
