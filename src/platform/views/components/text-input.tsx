import { usePage } from '../page-context.ts';

export interface TextInputProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  type?: 'text' | 'email' | 'tel' | 'search' | 'url' | 'password';
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel';
  spellcheck?: boolean;
  required?: boolean;
}

/** Label, hint and error tied to the input with `aria-describedby`; the id is the field name. */
export function TextInput(props: TextInputProps) {
  const { t } = usePage();
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = props.error ? `${props.name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="field__label" for={props.name}>
        {props.label}
      </label>
      {props.hint && (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={errorId}>
          <span class="visually-hidden">{t('errorPrefix')}</span> {props.error}
        </p>
      )}
      <input
        class="field__input"
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck}
        required={props.required}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

export const textInputExamples = [
  () => <TextInput name="example-name" label="Nom" autocomplete="family-name" />,
  () => (
    <TextInput
      name="example-avs"
      label="Numéro AVS"
      hint="13 chiffres, commence par 756"
      error="Le numéro AVS n’est pas valable"
      value="756.1234"
      inputmode="numeric"
    />
  ),
];
