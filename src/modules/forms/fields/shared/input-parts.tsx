import type { Child } from 'hono/jsx';
import { Tag } from '../../../../platform/views/components/tag.tsx';
import type { BaseField, InputProps, RunnerT } from '../field-kind.ts';

/** The known-data tag, hint and error under a label, with the ids `aria-describedby` points to. */
export function Described(props: { id: string; hint?: string; error?: string; known?: boolean; t: RunnerT }) {
  return (
    <>
      {props.known && (
        <p id={`${props.id}-known`}>
          <Tag tone="info">{props.t('knownData')}</Tag>
        </p>
      )}
      {props.hint && (
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </>
  );
}

export const describedBy = (id: string, parts: { hint?: string; error?: string; known?: boolean }) =>
  [parts.known && `${id}-known`, parts.hint && `${id}-hint`, parts.error && `${id}-error`]
    .filter(Boolean)
    .join(' ') || undefined;

/** Radio buttons or checkboxes in a fieldset: `choices` are [value, text]. */
export function ChoiceList<F extends BaseField>(
  props: InputProps<F> & {
    kind: 'radio' | 'checkbox';
    choices: [string, string][];
    checked: (value: string) => boolean;
  },
): Child {
  const { id, t } = props;
  return (
    <fieldset class="fieldset" id={id} aria-describedby={props.aria['aria-describedby']}>
      <legend class="fieldset__legend">{props.label}</legend>
      <Described id={id} hint={props.hint} error={props.error} t={t} />
      {props.choices.map(([value, text], i) => (
        <div class="choice">
          <input
            type={props.kind}
            id={`${id}-${i}`}
            name={props.name}
            value={value}
            checked={props.checked(value)}
          />
          <label for={`${id}-${i}`}>{text}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A one-line text input with its label; `text` is the value as the person typed or reads it. */
export function TextInput<F extends BaseField>(
  props: InputProps<F> & { type?: string; inputmode?: string; autocomplete?: string; text?: string },
): Child {
  const { id } = props;
  return (
    <>
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <Described id={id} hint={props.hint} error={props.error} known={props.known} t={props.t} />
      <input
        class="field__input"
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        inputmode={props.inputmode as never}
        autocomplete={props.autocomplete}
        value={props.text ?? asText(props.value)}
        {...props.aria}
      />
    </>
  );
}

export const asText = (value: unknown) => (value === undefined || value === null ? '' : String(value));
