/** A `return` address we may send people back to: a path on this site, never another origin. */
export function safeReturn(value: string | undefined, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  return value;
}
