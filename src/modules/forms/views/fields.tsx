import type { Child } from 'hono/jsx';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { InLanguage } from '../../../platform/views/components/in-language.tsx';
import { displayValue } from '../display.ts';
import type { CaptureView } from '../fields/document/document-kinds.ts';
import type { BaseField } from '../fields/field-kind.ts';
import { kindOf } from '../fields/registry.ts';
import { describedBy } from '../fields/shared/input-parts.tsx';
import { formMessages } from '../messages.ts';

type Errors = Record<string, string>;

/**
 * One field as the runner shows it, in a wrapper the logic hides and shows; its type draws the
 * inputs. `name` is its posted name (inside a group: `group[0].child`).
 */
export function FieldInput(props: {
  field: BaseField;
  name: string;
  value: unknown;
  locale: Locale;
  errors: Errors;
  required: boolean;
  visible: boolean;
  known?: boolean;
  /** The condition, in words, under which answers on this same step make the field required. */
  requiredWhen?: string;
  capture?: CaptureView;
}): Child {
  const { field, name, locale } = props;
  const kind = kindOf(field);
  const t = formMessages.translator(locale);
  // "(optional)" only when no answer on this step can make it required: otherwise the condition is told.
  const optional = !props.required && kind.asks && !props.requiredWhen;
  const label = (
    <>
      <InLanguage text={field.label} locale={locale} />
      {optional ? ` ${t('optional')}` : ''}
    </>
  );
  const when = props.requiredWhen && t('requiredWhen', { condition: props.requiredWhen });
  const hint = [field.hint && pick(field.hint, locale), when].filter(Boolean).join(' ') || undefined;
  const error = props.errors[name];
  const id = name.replace(/[[\].]/g, '-');
  return (
    <div
      class={error ? 'field field--error' : 'field'}
      data-field={field.id}
      data-read={kind.reads}
      hidden={!props.visible}
    >
      {kind.Input({
        field,
        name,
        id,
        value: props.value,
        locale,
        t,
        label,
        hint,
        error,
        known: props.known,
        aria: {
          'aria-describedby': describedBy(id, { hint, error, known: props.known }),
          'aria-invalid': error ? 'true' : undefined,
        },
        errors: props.errors,
        capture: props.capture,
        display: (value) => displayValue(field, value, locale),
        renderField: (child) => (
          <FieldInput
            field={child.field}
            name={child.name}
            value={child.value}
            locale={locale}
            errors={props.errors}
            required={child.required}
            visible
          />
        ),
      })}
    </div>
  );
}
