import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../database/database.ts';
import type { ApiClientActor } from '../access.ts';
import { HttpError } from '../http-error.ts';
import type { RateLimitRule } from '../rate-limit.ts';
import type { Method, RouteContext, RouteDef } from '../route.ts';
import { idempotent } from './idempotency.ts';

/** Every API client gets this budget unless its route declares another; announced in `RateLimit` headers. */
export const apiRateLimit: RateLimitRule = { bucket: 'api', limit: 600, windowSeconds: 60 };

type Responses = Partial<Record<200 | 201 | 202, z.ZodType>>;
type Maybe<T> = T extends z.ZodType ? z.output<T> : undefined;

/**
 * What the OpenAPI document says of a route, and what validates it: the same zod schemas check the
 * request, shape the answer, and are turned into the document (`z.toJSONSchema`), so the two cannot drift.
 */
export interface ApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The scope a key needs, e.g. `requests:read`; the policy decides again on the object itself. */
  scope: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * A body sent as it is, not as JSON — a PDF to verify, a bank's camt.054 file: the media types it
   * may have. With a `body` schema too, `application/json` still goes through that schema.
   */
  rawBody?: { mediaTypes: string[]; description: string };
  responses: Responses;
  /** Error statuses worth documenting besides those every operation may answer (400, 401, 403, 429). */
  errors?: number[];
}

type Answer<R extends Responses> = {
  [K in keyof R & number]: { status: K; body: z.input<NonNullable<R[K]>> };
}[keyof R & number];

export interface ApiRouteDef<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends Responses,
> extends Omit<ApiOperation, 'params' | 'query' | 'body' | 'responses'> {
  method: Method;
  /** Hono's form, `/api/v1/requests/:id`; the document shows `{id}`. */
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  responses: R;
  object: RouteDef['object'];
  rateLimit?: RateLimitRule;
  maxBodyBytes?: number;
  handle(input: {
    params: Maybe<P>;
    query: Maybe<Q>;
    body: Maybe<B>;
    /** The bytes of a `rawBody`, when the request sent one of its media types. */
    raw: { bytes: Uint8Array; mediaType: string } | undefined;
    actor: ApiClientActor;
    c: RouteContext;
  }): Promise<Answer<R>>;
}

/**
 * One API operation as a row of the route table: `access: 'apiClient'`, the key's scope checked, the
 * input parsed (400 with the problems otherwise), every POST made idempotent by its `Idempotency-Key`,
 * and the answer shaped by its schema.
 *
 * @example apiRoute(db, { method: 'GET', path: '/api/v1/services', scope: 'services:read', … })
 */
export function apiRoute<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends Responses = Responses,
>(db: Db, def: ApiRouteDef<P, Q, B, R>): RouteDef {
  const { method, path, handle, object, rateLimit, maxBodyBytes, ...operation } = def;
  return {
    method,
    path,
    access: 'apiClient',
    object,
    rateLimit: rateLimit ?? apiRateLimit,
    maxBodyBytes,
    api: operation,
    async handler(c) {
      const actor = c.var.actor;
      if (actor?.kind !== 'apiClient') throw new HttpError(401, 'unauthenticated');
      if (!actor.scopes.includes(def.scope))
        throw new HttpError(403, 'insufficient_scope', `this key lacks the scope ${def.scope}`);
      const params = parse(def.params, c.req.param(), 'path');
      const query = parse(def.query, c.req.query(), 'query');
      const bytes = await readRaw(c, def.rawBody, def.body !== undefined);
      const raw = def.body && !bytes ? await readJson(c) : undefined;
      const body = bytes ? undefined : parse(def.body, raw, 'body');
      const run = async () => {
        const answer = await handle({ params, query, body, raw: bytes, actor, c } as never);
        const schema = def.responses[answer.status as keyof R] as z.ZodType | undefined;
        if (!schema)
          throw new Error(`${method} ${path} answered ${answer.status}, which it does not document`);
        return c.json(schema.parse(answer.body) as object, answer.status as 200 | 201 | 202);
      };
      if (method !== 'POST') return run();
      const key = c.req.header('Idempotency-Key') ?? '';
      if (!/^[\x21-\x7e]{8,255}$/.test(key))
        throw new HttpError(
          400,
          'idempotency_key_required',
          'POST needs an Idempotency-Key of 8 to 255 characters',
        );
      const fingerprint = createHash('sha256')
        .update(`${method} ${c.req.path}\n`)
        .update(bytes ? bytes.bytes : canonicalJson(raw ?? null))
        .digest('hex');
      return idempotent(db, { owner: actor.id, key, fingerprint }, run);
    },
  };
}

/** JSON with every object's keys in order: the same body written in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function parse<T extends z.ZodType | undefined>(schema: T, value: unknown, where: string): Maybe<T> {
  if (!schema) return undefined as Maybe<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data as Maybe<T>;
  throw new HttpError(
    400,
    'invalid_request',
    `the ${where} does not match the operation's schema`,
    undefined,
    {
      errors: result.error.issues.map((issue) => ({
        in: where,
        path: issue.path.join('.'),
        message: issue.message,
      })),
    },
  );
}

async function readRaw(
  c: RouteContext,
  accepted: ApiOperation['rawBody'],
  json: boolean,
): Promise<{ bytes: Uint8Array; mediaType: string } | undefined> {
  if (!accepted) return undefined;
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (json && mediaType === 'application/json') return undefined;
  if (!accepted.mediaTypes.includes(mediaType))
    throw new HttpError(
      415,
      'unsupported_media_type',
      `send the body as ${[...(json ? ['application/json'] : []), ...accepted.mediaTypes].join(', ')}`,
    );
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new HttpError(400, 'empty_body', 'the body is empty');
  return { bytes, mediaType };
}

async function readJson(c: RouteContext): Promise<unknown> {
  if (!(c.req.header('Content-Type') ?? '').startsWith('application/json'))
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  try {
    return await c.req.json();
  } catch {
    throw new HttpError(400, 'invalid_json', 'the body is not valid JSON');
  }
}

/** The answers of `handle`, with their status as a literal so that it is checked against `responses`. */
export const ok = <B>(body: B) => ({ status: 200 as const, body });
export const created = <B>(body: B) => ({ status: 201 as const, body });
export const accepted = <B>(body: B) => ({ status: 202 as const, body });
