import { Hono } from 'hono';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { sameText } from '../crypto/secrets.ts';

/** Prometheus metrics of one app instance, scraped at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  return {
    registry,
    requests: new Counter({
      name: 'guichet_http_requests_total',
      help: 'HTTP requests',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'guichet_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function hasMetricsToken(header: string | undefined, token: string): boolean {
  return sameText(header ?? '', `Bearer ${token}`);
}

/**
 * The listener of `METRICS_PORT`: /metrics alone, for a scraper on the internal network, so that the
 * site's port never shows them. The token, when also set, is asked here too.
 */
export function metricsApp(metrics: Metrics, token: string | undefined): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (token && !hasMetricsToken(c.req.header('Authorization'), token))
      return c.text('unauthenticated', 401);
    return c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
  });
  return app;
}
