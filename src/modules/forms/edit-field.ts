import { localisedFrom } from '../../platform/views/components/translations.tsx';
import { conditionChoices, postedCondition } from './condition-choices.ts';
import { type Field, type FormDefinition, type PrefillSource, prefillSources } from './definition.ts';
import { kindOf } from './fields/registry.ts';

type Posted = Record<string, string | File>;

/**
 * The field as the designer saved it on its page: label, hint, whether it is required, its type's
 * options (`fields/<type>/`), the known data it is filled with and the condition it is shown under.
 * Columns of a table have no prefill and no condition of their own. A condition that needs a typed
 * value and has none is left as it was, and said (`conditionMissing`).
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
  let conditionMissing = false;
  if (!found.group) {
    // The menu's words are only needed to build it: the posted key is what is checked here.
    const choices = conditionChoices(definition, found.field, 'fr', () => '');
    const posted = postedCondition(choices, text('conditionChoice'), text('conditionValue'));
    if (posted === 'missing') conditionMissing = true;
    else if (posted.rule === undefined) delete field.showIf;
    else field.showIf = posted.rule;
  }
  return { field, conditionMissing };
}
