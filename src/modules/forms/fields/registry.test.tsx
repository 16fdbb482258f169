import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { locales } from '../../../platform/i18n/locales.ts';
import type { FormDefinition } from '../definition.ts';
import { displayValue } from '../display.ts';
import { FieldInput } from '../views/fields.tsx';
import type { BaseField, FieldKind } from './field-kind.ts';
import { type Field, type FieldType, fieldKinds, kindOf } from './registry.ts';

const folders = readdirSync(import.meta.dirname, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);

/** A field of the type as the builder makes it. */
function starterField(kind: FieldKind): BaseField {
  let n = 0;
  return { id: 'x', type: kind.type, label: { fr: 'Champ' }, ...kind.starter((prefix) => `${prefix}${++n}`) };
}

/** The concerns a type cannot do without: a type that lacks one is half made. */
const concerns = [
  'starter',
  'problems',
  'parse',
  'check',
  'display',
  'schema',
  'Input',
  'Options',
  'readOptions',
] as const;

/** The concerns a type lacks. */
const missing = (kind: FieldKind) => concerns.filter((concern) => typeof kind[concern] !== 'function');

describe('the field types registry', () => {
  it('tells a half-made type', () => {
    const halfMade = { ...fieldKinds[0], parse: undefined, Options: undefined } as unknown as FieldKind;
    expect(missing(halfMade)).toEqual(['parse', 'Options']);
  });

  it('lists each type with a folder of its own, named after it, and only those', () => {
    expect(fieldKinds.map((kind) => kind.type).sort()).toEqual([...folders].sort());
    // …and `Field` has the definition of each listed type (checked by tsc).
    expectTypeOf<(typeof fieldKinds)[number]['type']>().toEqualTypeOf<FieldType>();
  });

  it('finds a test next to each type', () => {
    for (const folder of folders)
      expect(readdirSync(path.join(import.meta.dirname, folder)), folder).toContain(
        `${folder}-field.test.ts`,
      );
  });

  it.each(fieldKinds.map((kind) => [kind.type, kind as FieldKind] as const))(
    '%s provides every concern, a name in every language and examples that agree with its schema',
    (_type, kind) => {
      expect(missing(kind)).toEqual([]);
      for (const locale of locales) expect(kind.name[locale], locale).not.toBe('');
      const field = starterField(kind);
      expect(kind.problems(field)).toEqual([]);
      const schema = new Ajv2020({ strict: false }).compile(
        kind.schema(field, (child) => kindOf(child).schema(child, () => ({}))),
      );
      for (const value of kind.examples.valid) {
        expect(kind.check(field, value, '2026-11-24'), JSON.stringify(value)).toBeUndefined();
        expect(schema(value), JSON.stringify(value)).toBe(true);
        expect(typeof displayValue(field, value, 'fr')).toBe('string');
      }
      for (const value of kind.examples.invalid)
        expect(kind.check(field, value, '2026-11-24'), JSON.stringify(value)).toBeDefined();
      if (kind.asks && kind.type !== 'group') expect(kind.examples.valid.length).toBeGreaterThan(0);
    },
  );

  it.each(fieldKinds.map((kind) => [kind.type, kind as FieldKind] as const))(
    '%s is shown to the person and in the builder',
    async (_type, kind) => {
      const field = starterField(kind);
      const html = String(
        await (
          <FieldInput field={field} name="x" value={undefined} locale="fr" errors={{}} required visible />
        ),
      );
      expect(html).toContain(kind.type === 'info' ? 'Information' : 'Champ');
      // The browser script reads the answers of the types that say how, and only those.
      if (kind.reads) expect(html).toContain(`data-read="${kind.reads}"`);
      else expect(html).not.toContain('data-read');
      const definition: FormDefinition = {
        format: 'guichet-form/1',
        title: { fr: 'F' },
        steps: [{ id: 'step', title: { fr: 'É' }, fields: [field as Field] }],
      };
      await kind.Options({ field, definition, locale: 'fr', t: (key) => key });
      expect(kind.readOptions(field, {})).toEqual(field);
    },
  );
});
