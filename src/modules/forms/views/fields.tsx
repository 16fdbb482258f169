import type { Child } from 'hono/jsx';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Tag } from '../../../platform/views/components/tag.tsx';
import type { Field } from '../definition.ts';
import { displayValue } from '../display.ts';
import { formMessages } from '../messages.ts';

type Errors = Record<string, string>;
type T = ReturnType<typeof formMessages.translator>;

const inputTypes: Partial<
  Record<Field['type'], { type: string; inputmode?: string; autocomplete?: string }>
> = {
  text: { type: 'text' },
  email: { type: 'email', autocomplete: 'email' },
  phone: { type: 'tel', autocomplete: 'tel' },
  avs: { type: 'text', inputmode: 'numeric' },
  uid: { type: 'text' },
  iban: { type: 'text', autocomplete: 'off' },
  number: { type: 'text', inputmode: 'decimal' },
  date: { type: 'text', inputmode: 'numeric' },
};

function Described(props: { id: string; hint?: string; error?: string; known?: boolean; t: T }) {
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

const describedBy = (id: string, parts: { hint?: string; error?: string; known?: boolean }) =>
  [parts.known && `${id}-known`, parts.hint && `${id}-hint`, parts.error && `${id}-error`]
    .filter(Boolean)
    .join(' ') || undefined;

const asText = (field: Field, value: unknown) =>
  value === undefined || value === null
    ? ''
    : field.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? value.split('-').reverse().join('.')
      : String(value);

/** One field as the runner shows it; `name` is its posted name (inside a group: `group[0].child`). */
export function FieldInput(props: {
  field: Field;
  name: string;
  value: unknown;
  locale: Locale;
  errors: Errors;
  required: boolean;
  visible: boolean;
  known?: boolean;
}): Child {
  const { field, name, locale } = props;
  const t = formMessages.translator(locale);
  const label = `${pick(field.label, locale)}${props.required || ['info', 'computed'].includes(field.type) ? '' : ` ${t('optional')}`}`;
  const hint = field.hint ? pick(field.hint, locale) : undefined;
  const error = props.errors[name];
  const id = name.replace(/[[\].]/g, '-');
  const aria = {
    'aria-describedby': describedBy(id, { hint, error, known: props.known }),
    'aria-invalid': error ? ('true' as const) : undefined,
  };
  const wrapper = (children: Child) => (
    <div class={error ? 'field field--error' : 'field'} data-field={field.id} hidden={!props.visible}>
      {children}
    </div>
  );
  const options = (
    kind: 'radio' | 'checkbox',
    choices: [string, string][],
    checked: (v: string) => boolean,
  ) =>
    wrapper(
      <fieldset class="fieldset" id={id} aria-describedby={aria['aria-describedby']}>
        <legend class="fieldset__legend">{label}</legend>
        <Described id={id} hint={hint} error={error} t={t} />
        {choices.map(([value, text], i) => (
          <div class="choice">
            <input type={kind} id={`${id}-${i}`} name={name} value={value} checked={checked(value)} />
            <label for={`${id}-${i}`}>{text}</label>
          </div>
        ))}
      </fieldset>,
    );
  switch (field.type) {
    case 'info':
      return wrapper(<p class="form-info">{pick(field.label, locale)}</p>);
    case 'computed':
      return wrapper(
        <p>
          <strong>{pick(field.label, locale)} : </strong>
          <output data-computed={field.id} data-format={field.format ?? 'number'}>
            {displayValue(field, props.value, locale)}
          </output>
        </p>,
      );
    case 'choice':
      return options(
        'radio',
        (field.options ?? []).map((o) => [o.value, pick(o.label, locale)]),
        (v) => props.value === v,
      );
    case 'multichoice':
      return options(
        'checkbox',
        (field.options ?? []).map((o) => [o.value, pick(o.label, locale)]),
        (v) => (Array.isArray(props.value) ? props.value.includes(v) : false),
      );
    case 'yesno':
      return options(
        'radio',
        [
          ['yes', t('yes')],
          ['no', t('no')],
        ],
        (v) => (v === 'yes' ? props.value === true : props.value === false),
      );
    case 'consent':
      return wrapper(
        <>
          <Described id={id} hint={hint} error={error} t={t} />
          <div class="choice">
            <input type="checkbox" id={id} name={name} value="yes" checked={props.value === true} {...aria} />
            <label for={id}>{label}</label>
          </div>
        </>,
      );
    case 'textarea':
      return wrapper(
        <>
          <label class="field__label" for={id}>
            {label}
          </label>
          <Described id={id} hint={hint} error={error} known={props.known} t={t} />
          <textarea class="field__input" id={id} name={name} rows={5} {...aria}>
            {asText(field, props.value)}
          </textarea>
        </>,
      );
    case 'address': {
      const a = (props.value ?? {}) as Record<string, string>;
      return wrapper(
        <fieldset class="fieldset" id={id}>
          <legend class="fieldset__legend">{label}</legend>
          <Described id={id} hint={hint} error={error} known={props.known} t={t} />
          {(
            [
              ['street', t('street'), 'address-line1'],
              ['houseNumber', t('houseNumber'), 'off'],
              ['postcode', t('postcode'), 'postal-code'],
              ['town', t('town'), 'address-level2'],
            ] as const
          ).map(([part, text, autocomplete]) => (
            <div class="field">
              <label class="field__label" for={`${id}-${part}`}>
                {text}
              </label>
              <input
                class="field__input"
                id={`${id}-${part}`}
                name={`${name}.${part}`}
                value={a[part] ?? ''}
                autocomplete={autocomplete}
              />
            </div>
          ))}
        </fieldset>,
      );
    }
    case 'file':
      return wrapper(
        <>
          <label class="field__label" for={id}>
            {label}
          </label>
          <Described id={id} hint={hint} error={error} t={t} />
          {Boolean(props.value) && (
            <p>{t('currentFile', { name: displayValue(field, props.value, locale) })}</p>
          )}
          <input
            class="field__input"
            type="file"
            id={id}
            name={name}
            accept={(field.accept ?? ['application/pdf', 'image/png', 'image/jpeg']).join(',')}
            {...aria}
          />
        </>,
      );
    case 'group': {
      const rows = Array.isArray(props.value) ? (props.value as Record<string, unknown>[]) : [];
      return wrapper(
        <fieldset class="fieldset form-group" id={id}>
          <legend class="fieldset__legend">{label}</legend>
          <Described id={id} hint={hint} error={error} t={t} />
          <input type="hidden" name={`${name}.rows`} value={String(rows.length)} />
          {rows.map((row, r) => (
            <fieldset class="fieldset form-group__row">
              <legend class="fieldset__legend">{t('row', { row: r + 1 })}</legend>
              {(field.fields ?? []).map((child) => (
                <FieldInput
                  field={child}
                  name={`${name}[${r}].${child.id}`}
                  value={row[child.id]}
                  locale={locale}
                  errors={props.errors}
                  required={Boolean(child.required)}
                  visible
                />
              ))}
              <button
                type="submit"
                class="button button--secondary"
                name="action"
                value={`removeRow:${field.id}:${r}`}
              >
                {t('removeRow', { row: r + 1 })}
              </button>
            </fieldset>
          ))}
          <button type="submit" class="button button--secondary" name="action" value={`addRow:${field.id}`}>
            {t('addRow')}
          </button>
        </fieldset>,
      );
    }
    default: {
      const input = inputTypes[field.type] ?? { type: 'text' };
      return wrapper(
        <>
          <label class="field__label" for={id}>
            {label}
          </label>
          <Described id={id} hint={hint} error={error} known={props.known} t={t} />
          <input
            class="field__input"
            id={id}
            name={name}
            type={input.type}
            inputmode={input.inputmode as never}
            autocomplete={input.autocomplete}
            value={asText(field, props.value)}
            {...aria}
          />
        </>,
      );
    }
  }
}
