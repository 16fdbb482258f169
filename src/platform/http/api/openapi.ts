import { z } from 'zod';
import type { RouteDef } from '../route.ts';
import { apiRateLimit } from './api-route.ts';
import { problemSchema } from './problem.ts';

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
  serverUrl: string;
}

type JsonSchema = Record<string, unknown>;

/** A zod schema as a JSON Schema 2020-12 (OpenAPI 3.1's dialect), without its `$schema`. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const commonErrors: Record<number, string> = {
  400: 'The request does not match the schema, or a POST has no Idempotency-Key.',
  401: 'No valid API key or access token.',
  403: 'The key lacks the scope this operation needs.',
  429: 'Over the rate limit; see `Retry-After`.',
};
const moreErrors: Record<number, string> = {
  404: 'No such object for this authority (another authority’s objects are absent too).',
  409: 'The object changed meanwhile, or the first request with this Idempotency-Key is still running.',
  413: 'The body is too large.',
  415: 'The body is not application/json.',
  422: 'The request cannot be done as asked, or the Idempotency-Key was used with another body.',
};

const rateLimitHeaders = {
  RateLimit: {
    description: 'What is left of the budget: `"api";r=<remaining>;t=<seconds to reset>` (IETF draft).',
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: `The key's budget: \`"api";q=${apiRateLimit.limit};w=${apiRateLimit.windowSeconds}\`.`,
    schema: { type: 'string' },
  },
};

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof property.description === 'string' && { description: property.description }),
    schema: property,
  }));
}

/**
 * The OpenAPI 3.1 document of every route that `apiRoute` made: paths, parameters, bodies and answers
 * from the very zod schemas that validate them.
 */
export function openApiDocument(routes: readonly RouteDef[], info: OpenApiInfo) {
  const paths: Record<string, Record<string, unknown>> = {};
  const scopes = new Set<string>();
  for (const route of routes) {
    const op = route.api;
    if (!op) continue;
    scopes.add(op.scope);
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(op.responses)) {
      responses[status] = {
        description: status === '201' ? 'Created' : 'OK',
        headers: rateLimitHeaders,
        content: { 'application/json': { schema: schemaOf(schema as z.ZodType, 'output') } },
      };
    }
    const errorStatuses = {
      ...commonErrors,
      ...Object.fromEntries((op.errors ?? []).map((s) => [s, moreErrors[s] ?? 'Error'])),
    };
    for (const [status, description] of Object.entries(errorStatuses))
      responses[status] = { description, content: { 'application/problem+json': { schema: problemRef } } };
    const post = route.method === 'POST';
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        operationId: op.operationId,
        summary: op.summary,
        ...(op.description && { description: op.description }),
        tags: [op.tag],
        security: [{ apiKey: [op.scope] }, { clientCredentials: [op.scope] }],
        'x-scope': op.scope,
        parameters: [
          ...parametersOf(op.params, 'path'),
          ...parametersOf(op.query, 'query'),
          ...(post
            ? [
                {
                  name: 'Idempotency-Key',
                  in: 'header',
                  required: true,
                  description: 'Any unique string of 8–255 characters: a repeat gets the first answer again.',
                  schema: { type: 'string', minLength: 8, maxLength: 255 },
                },
              ]
            : []),
        ],
        ...((op.body || op.rawBody) && {
          requestBody: {
            required: true,
            ...(op.rawBody && { description: op.rawBody.description }),
            content: {
              ...(op.body && { 'application/json': { schema: schemaOf(op.body, 'input') } }),
              ...Object.fromEntries(
                (op.rawBody?.mediaTypes ?? []).map((type) => [
                  type,
                  { schema: { type: 'string', contentMediaType: type } },
                ]),
              ),
            },
          },
        }),
        responses,
      },
    };
  }
  const scopeList = Object.fromEntries([...scopes].sort().map((s) => [s, s]));
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas: { Problem: schemaOf(problemSchema, 'output') },
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key, `gk_live_…` or `gk_test_…`, made by an authority administrator.',
        },
        clientCredentials: {
          type: 'oauth2',
          flows: { clientCredentials: { tokenUrl: `${info.serverUrl}/oidc/token`, scopes: scopeList } },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
