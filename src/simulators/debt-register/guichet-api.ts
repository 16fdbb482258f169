export interface CallInit {
  method?: 'GET' | 'POST';
  body?: unknown;
  idempotencyKey?: string;
}
/** Guichet's API, bound to its address and the register's key. */
export type GuichetApi = (path: string, init?: CallInit) => Promise<Record<string, unknown>>;

/** A call to Guichet's API with the register's key; an answer other than 2xx is an error (the webhook is retried). */
export async function callGuichet(
  guichetUrl: string,
  apiKey: string,
  path: string,
  init: CallInit = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${guichetUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
      ...(init.idempotencyKey && { 'idempotency-key': init.idempotencyKey }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Guichet answered ${response.status} to ${path}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
