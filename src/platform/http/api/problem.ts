import { z } from 'zod';
import { HttpError } from '../http-error.ts';
import type { RouteContext } from '../route.ts';

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Server error',
};

/** Where each problem type is explained: the API reference page, one anchor per code. */
export const problemTypeBase = '/api/v1/reference#problem-';

/** The shape of every error under /api (RFC 9457), as the OpenAPI document declares it. */
export const problemSchema = z.object({
  type: z.string().describe('A URI reference naming the kind of problem; its anchor is the `code`.'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().describe('The machine-readable kind of problem, e.g. `not_found`, `insufficient_scope`.'),
  requestId: z.string(),
  errors: z
    .array(z.object({ in: z.string(), path: z.string(), message: z.string() }))
    .optional()
    .describe('For `invalid_request`: what did not validate.'),
});

/** An error as `application/problem+json`: every answer under /api that is not a success. */
export function problemResponse(c: RouteContext, error: Error): Response {
  const status = error instanceof HttpError ? error.status : 500;
  const code = error instanceof HttpError ? error.code : 'server_error';
  // A refused rate carries the seconds to wait as its message (the page's text says them in words).
  const detail =
    code === 'rate_limited'
      ? `too many requests; try again in ${error.message} seconds`
      : error instanceof HttpError && error.message !== code
        ? error.message
        : undefined;
  const body = {
    type: `${problemTypeBase}${code}`,
    title: titles[status] ?? 'Error',
    status,
    ...(detail && { detail }),
    instance: c.req.path,
    code,
    requestId: c.var.requestId,
    ...(error instanceof HttpError ? error.extensions : {}),
  };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' });
}
