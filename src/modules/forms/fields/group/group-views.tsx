import type { Child } from 'hono/jsx';
import { pick } from '../../../../platform/i18n/locales.ts';
import { Button } from '../../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../../platform/views/components/csrf-field.tsx';
import type { InputProps, SectionProps } from '../field-kind.ts';
import { Described } from '../shared/input-parts.tsx';
import type { GroupField } from './group-field.tsx';

/** The runner's table: each row a fieldset of the columns, with buttons that work without JavaScript. */
export function Rows(props: InputProps<GroupField>): Child {
  const { field, id, name, t } = props;
  const rows = Array.isArray(props.value) ? (props.value as Record<string, unknown>[]) : [];
  return (
    <fieldset class="fieldset form-group" id={id}>
      <legend class="fieldset__legend">{props.label}</legend>
      <Described id={id} hint={props.hint} error={props.error} t={t} />
      <input type="hidden" name={`${name}.rows`} value={String(rows.length)} />
      {rows.map((row, r) => (
        <fieldset class="fieldset form-group__row">
          <legend class="fieldset__legend">{t('row', { row: r + 1 })}</legend>
          {(field.fields ?? []).map((child) =>
            props.renderField({
              field: child,
              name: `${name}[${r}].${child.id}`,
              value: row[child.id],
              required: Boolean(child.required),
            }),
          )}
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
    </fieldset>
  );
}

/** The builder's list of a table's columns, and the form that adds one. */
export function Columns(props: SectionProps<GroupField>): Child {
  const { field, t } = props;
  return (
    <section aria-labelledby="children">
      <h2 id="children">{t('children')}</h2>
      <ul>
        {(field.fields ?? []).map((child) => (
          <li>
            <a href={`${props.formPath}/fields/${child.id}`}>{pick(child.label, props.locale)}</a> (
            {props.typeName(child.type)})
          </li>
        ))}
      </ul>
      <form method="post" action={`${props.formPath}/actions`}>
        <CsrfField />
        <input type="hidden" name="action" value="addField" />
        <input type="hidden" name="group" value={field.id} />
        <div class="field">
          <label class="field__label" for="childType">
            {t('fieldType')}
          </label>
          <select class="field__input" id="childType" name="type">
            {props.columnTypes.map(([type, name]) => (
              <option value={type}>{name}</option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t('addChild')}</Button>
      </form>
    </section>
  );
}
