import type { Child } from 'hono/jsx';

/** A number option of a field in the builder (a minimum, a maximum length…); empty: none. */
export function NumberOption(props: { name: string; label: string; value: number | undefined }): Child {
  return (
    <div class="field">
      <label class="field__label" for={props.name}>
        {props.label}
      </label>
      <input
        class="field__input"
        id={props.name}
        name={props.name}
        inputmode="numeric"
        value={props.value === undefined ? '' : String(props.value)}
      />
    </div>
  );
}

/** A number as the designer typed it (a decimal comma allowed), else `undefined`. */
export const numberOrUndefined = (value: unknown) => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value.replace(',', '.')) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** The field with the number options that were posted: set, or removed when left empty. */
export function withNumbers<F extends object, K extends keyof F & string>(
  field: F,
  posted: Record<string, string | File>,
  keys: readonly K[],
): F {
  const changed = { ...field };
  for (const key of keys) {
    if (!(key in posted)) continue;
    const value = numberOrUndefined(posted[key]);
    if (value === undefined) delete changed[key];
    else changed[key] = value as F[K];
  }
  return changed;
}
