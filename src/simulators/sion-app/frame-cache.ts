/**
 * The Guichet frame as an integrating application includes it server-side: fetched over HTTP and kept
 * for as long as its `Cache-Control: max-age` says, so that Guichet is asked about once an hour.
 */
const cache = new Map<string, { body: string; until: number }>();

export async function frameFragment(url: string): Promise<string> {
  const hit = cache.get(url);
  if (hit && hit.until > Date.now()) return hit.body;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return hit?.body ?? '';
    const body = await response.text();
    const maxAge = Number(response.headers.get('cache-control')?.match(/max-age=(\d+)/)?.[1] ?? 0);
    cache.set(url, { body, until: Date.now() + maxAge * 1000 });
    return body;
  } catch {
    // Guichet unreachable: the application still works, with the last frame it had (or none).
    return hit?.body ?? '';
  }
}
