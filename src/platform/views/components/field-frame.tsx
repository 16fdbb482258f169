import type { Child } from 'hono/jsx';
import { usePage } from '../page-context.ts';

/** The ids a control inside a `FieldFrame` names in `aria-describedby`. */
export function describedBy(id: string, parts: { hint?: string; error?: string }): string | undefined {
  return [parts.hint && `${id}-hint`, parts.error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

/**
 * Label, hint and error around any control (select, textarea, file input) whose id is `id`; the control
 * itself points at them with `describedBy(id, …)`. `TextInput` is the same frame for a text input.
 */
export function FieldFrame(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: Child;
}) {
  const { t } = usePage();
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`${props.id}-error`}>
          <span class="visually-hidden">{t('errorPrefix')}</span> {props.error}
        </p>
      )}
      {props.children}
    </div>
  );
}

export const fieldFrameExamples = [
  () => (
    <FieldFrame id="example-message" label="Votre message" error="Écrivez votre message">
      <textarea
        class="field__input"
        id="example-message"
        name="message"
        rows={3}
        aria-describedby="example-message-error"
      />
    </FieldFrame>
  ),
];
