import { type OpenApiDocument, openApiDocument } from '../../platform/http/api/openapi.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { integrationMessages } from './messages.ts';

/** The kinds of problem the API answers with, explained on the reference page (`#problem-<code>`). */
const problemCodes: Record<string, string> = {
  unauthenticated: 'No valid API key or access token (missing, unknown, expired, rotated out or revoked).',
  insufficient_scope: 'The key is valid but lacks the scope the operation needs.',
  forbidden: 'The policy refuses this action to this application.',
  not_found: 'No such object in this authority; another authority’s objects are absent too.',
  invalid_request: 'Path, query or body does not match the schema; `errors` says where.',
  invalid_json: 'The body is not JSON.',
  invalid_cursor: 'The cursor was not given by this API.',
  unsupported_media_type: 'Send bodies as `application/json`.',
  idempotency_key_required: 'Every POST needs an `Idempotency-Key` header (8–255 characters).',
  idempotency_key_reused: 'The `Idempotency-Key` was used before with another request.',
  idempotency_key_in_use: 'The first request with this `Idempotency-Key` is still running; retry later.',
  rate_limited: 'Over the key’s budget; wait `Retry-After` seconds.',
  conflict: 'The object changed meanwhile (e.g. the request moved on); read it again.',
  removed_meanwhile: 'What the request refers to was deleted meanwhile; read it again.',
  unprocessable:
    'The request is well formed but cannot be done, e.g. a transition the workflow does not allow.',
  server_error: 'Something failed on our side; the `requestId` helps us find it.',
};

export const apiDocumentPath = '/api/v1/openapi.json';

/** The OpenAPI document of every `apiRoute` of the running app, and its reference page. */
export function referenceRoutes(platform: Platform): RouteDef[] {
  let cached: OpenApiDocument | undefined;
  const document = () => {
    cached ??= openApiDocument(platform.routes(), {
      title: 'Guichet API',
      version: '1.0.0',
      description:
        'The API of the authorities’ business applications: requests, documents, messages, payments, mandates. ' +
        'See docs/api.md for keys, idempotency, pagination, errors and rate limits.',
      serverUrl: platform.config.publicUrl,
    });
    return cached;
  };
  return [
    {
      method: 'GET',
      path: apiDocumentPath,
      access: 'anonymous',
      async handler(c) {
        c.header('Cache-Control', 'public, max-age=300');
        return c.json(document());
      },
    },
    {
      method: 'GET',
      path: '/api/v1/reference',
      access: 'anonymous',
      async handler(c) {
        const t = integrationMessages.translator(c.var.locale);
        return platform.render(c, { title: t('referenceTitle') }, <Reference doc={document()} t={t} />);
      },
    },
  ];
}

type T = ReturnType<typeof integrationMessages.translator>;
interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  'x-scope': string;
  parameters: { name: string; in: string; required: boolean; description?: string; schema: unknown }[];
  requestBody?: { description?: string; content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

function Reference({ doc, t }: { doc: OpenApiDocument; t: T }) {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Operation })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags[0] ?? ''))];
  return (
    <>
      <h1>{t('referenceTitle')}</h1>
      <p>
        {t('referenceIntro')} <a href={apiDocumentPath}>{apiDocumentPath}</a>
      </p>
      <nav aria-label={t('referenceTitle')}>
        <ul>
          {tags.map((tag) => (
            <li>
              <a href={`#tag-${tag}`}>{tag}</a>
            </li>
          ))}
          <li>
            <a href="#problems">{t('problems')}</a>
          </li>
        </ul>
      </nav>
      {tags.map((tag) => (
        <section id={`tag-${tag}`}>
          <h2>{tag}</h2>
          {operations
            .filter((o) => o.op.tags[0] === tag)
            .map(({ path, method, op }) => (
              <section id={op.operationId}>
                <h3>
                  <code>
                    {method.toUpperCase()} {path}
                  </code>
                </h3>
                <p>{op.summary}</p>
                {op.description && <p>{op.description}</p>}
                <p>
                  {t('scope')}: <code>{op['x-scope']}</code>
                </p>
                {op.parameters.length > 0 && (
                  <>
                    <h4>{t('parameters')}</h4>
                    <ul>
                      {op.parameters.map((p) => (
                        <li>
                          <code>{p.name}</code> ({p.in}
                          {p.required ? `, ${t('required')}` : ''}) {p.description}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {op.requestBody && (
                  <>
                    <h4>{t('requestBody')}</h4>
                    {op.requestBody.description && <p>{op.requestBody.description}</p>}
                    {Object.entries(op.requestBody.content).map(([type, { schema }]) => (
                      <>
                        <p>
                          <code>{type}</code>
                        </p>
                        <pre>{JSON.stringify(schema, null, 2)}</pre>
                      </>
                    ))}
                  </>
                )}
                <h4>{t('responses')}</h4>
                <ul>
                  {Object.entries(op.responses).map(([status, response]) => (
                    <li>
                      <code>{status}</code> {response.description}
                      {response.content?.['application/json'] && (
                        <pre>{JSON.stringify(response.content['application/json'].schema, null, 2)}</pre>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
        </section>
      ))}
      <section id="problems">
        <h2>{t('problems')}</h2>
        <p>{t('problemsIntro')}</p>
        <dl>
          {Object.entries(problemCodes).map(([code, text]) => (
            <>
              <dt id={`problem-${code}`}>
                <code>{code}</code>
              </dt>
              <dd>{text}</dd>
            </>
          ))}
        </dl>
      </section>
    </>
  );
}
