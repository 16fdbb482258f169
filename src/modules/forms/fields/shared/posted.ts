import type { Posted } from '../field-kind.ts';

/** The first value posted under `name`, trimmed; '' when there is none or it is a file. */
export function first(posted: Posted, name: string): string {
  const value = posted[name];
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one.trim() : '';
}

/** The trimmed text, or `undefined` when nothing was typed. */
export function typed(posted: Posted, name: string): string | undefined {
  const text = first(posted, name);
  return text === '' ? undefined : text;
}
