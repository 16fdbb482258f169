/** Where relative targets are resolved; any origin would do, since only "still this origin?" is asked. */
const site = new URL('https://guichet.invalid');

/**
 * A `return` address we may send people back to: a path on this site, never another origin.
 *
 * Browsers drop tabs and line breaks from URLs, read `\` as `/`, and resolve `/.//x` to `//x`, so
 * looking at the raw text is not enough: the value is parsed as the browser would, against our origin,
 * and what goes back out is the parsed path (percent-encoded, without control characters, which would
 * also break the `Location` header). Example: `safeReturn('/my?tab=1')` is `/my?tab=1`,
 * `safeReturn('/\t/evil.example')` is `/`.
 */
export function safeReturn(value: string | undefined, fallback = '/'): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (!value?.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value, site);
  } catch {
    return fallback;
  }
  if (parsed.origin !== site.origin) return fallback;
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // `/.//evil.example` parses to the path `//evil.example`, which a browser would read as another host.
  if (!path.startsWith('/') || path.startsWith('//') || new URL(path, site).origin !== site.origin)
    return fallback;
  return path;
}
