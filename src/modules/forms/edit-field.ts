import { localisedFrom } from '../../platform/views/components/translations.tsx';
import {
  allFields,
  type Field,
  type FormDefinition,
  type PrefillSource,
  prefillSources,
} from './definition.ts';
import { kindOf } from './fields/registry.ts';

type Posted = Record<string, string | File>;

/**
 * The field as the designer saved it on its page: label, hint, whether it is required, its type's
 * options (`fields/<type>/`), the known data it is filled with and the condition it is shown under.
 * Columns of a table have no prefill and no condition of their own.
 */
export function editField(
  definition: FormDefinition,
  found: { field: Field; group?: Field },
  posted: Posted,
) {
  const text = (name: string) => (typeof posted[name] === 'string' ? (posted[name] as string).trim() : '');
  const kind = kindOf(found.field);
  let field: Field = { ...found.field, label: localisedFrom(posted, 'label') ?? found.field.label };
  const hint = localisedFrom(posted, 'hint');
  if (hint) field.hint = hint;
  else delete field.hint;
  if (kind.asks) field.required = text('required') === 'yes';
  field = kind.readOptions(field, posted) as Field;
  if ('prefill' in posted) {
    if ((prefillSources as readonly string[]).includes(text('prefill')))
      field.prefill = text('prefill') as PrefillSource;
    else delete field.prefill;
  }
  if (!found.group) {
    const target = allFields(definition).find((f) => f.field.id === text('conditionField'))?.field;
    const operator = ['==', '!=', '>', '<'].includes(text('conditionOperator'))
      ? text('conditionOperator')
      : '==';
    if (!target) delete field.showIf;
    else {
      const raw = text('conditionValue');
      const toValue = kindOf(target).conditionValue ?? ((value: string) => value);
      field.showIf = { [operator]: [{ var: target.id }, toValue(raw)] };
    }
  }
  return field;
}
