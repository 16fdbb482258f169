import { normaliseAvs, normaliseUid } from '../identity/index.ts';
import type { Field, FormStep } from './definition.ts';
import type { Answers } from './validate.ts';

type Posted = Record<string, string | string[] | File | (string | File)[]>;

const first = (posted: Posted, name: string): string => {
  const value = posted[name];
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one.trim() : '';
};

/** A number as people type it: 1'200.50, 1 200,5 … and the raw text when it is not one. */
function parseNumber(text: string): number | string {
  const cleaned = text.replace(/['’\s]/g, '').replace(',', '.');
  return cleaned !== '' && /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : text;
}

/** A date as ISO, from 2026-03-14 or 14.03.2026; anything else is kept as typed, to be refused. */
function parseDate(text: string): string {
  const swiss = text.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  return swiss ? `${swiss[3]}-${swiss[2]?.padStart(2, '0')}-${swiss[1]?.padStart(2, '0')}` : text;
}

function parseValue(field: Field, posted: Posted, name: string): unknown {
  const text = first(posted, name);
  switch (field.type) {
    case 'number':
      return text === '' ? undefined : parseNumber(text);
    case 'date':
      return text === '' ? undefined : parseDate(text);
    case 'avs':
      return text === '' ? undefined : (normaliseAvs(text) ?? text);
    case 'uid':
      return text === '' ? undefined : (normaliseUid(text) ?? text);
    case 'iban':
      return text === '' ? undefined : text.replace(/\s/g, '').toUpperCase();
    case 'phone': {
      if (text === '') return undefined;
      const digits = text.replace(/[\s().-]/g, '');
      return digits.startsWith('0') && !digits.startsWith('00')
        ? `+41${digits.slice(1)}`
        : digits.replace(/^00/, '+');
    }
    case 'email':
      return text === '' ? undefined : text.toLowerCase();
    case 'yesno':
      return text === 'yes' ? true : text === 'no' ? false : undefined;
    case 'consent':
      return text === 'yes';
    case 'multichoice': {
      const value = posted[name];
      return (Array.isArray(value) ? value : value ? [value] : []).filter(
        (v): v is string => typeof v === 'string',
      );
    }
    case 'address': {
      const part = (key: string) => first(posted, `${name}.${key}`);
      if (!part('street') && !part('postcode') && !part('town')) return undefined;
      return {
        street: part('street'),
        ...(part('houseNumber') && { houseNumber: part('houseNumber') }),
        postcode: part('postcode'),
        town: part('town'),
        country: 'CH',
      };
    }
    case 'info':
    case 'computed':
    case 'file':
    case 'group':
      return undefined;
    default:
      return text === '' ? undefined : text;
  }
}

/**
 * Reads one step's posted fields into typed answers (files are stored by the caller). Repeating
 * groups come as `group[0].child` with `group.rows` giving their count; `action=addRow:group` and
 * `removeRow:group:index` change the rows without JavaScript.
 */
export function parseStep(step: FormStep, posted: Posted, previous: Answers): Answers {
  const answers: Answers = { ...previous };
  const action = first(posted, 'action');
  for (const field of step.fields) {
    if (field.type === 'file') continue;
    if (field.type === 'group') {
      const count = Math.min(
        Number.parseInt(first(posted, `${field.id}.rows`), 10) || 0,
        field.maxRows ?? 500,
      );
      let rows = Array.from({ length: count }, (_, r) => {
        const row: Answers = {};
        for (const child of field.fields ?? []) {
          const value = parseValue(child, posted, `${field.id}[${r}].${child.id}`);
          if (value !== undefined) row[child.id] = value;
        }
        return row;
      });
      if (action === `addRow:${field.id}`) rows = [...rows, {}];
      const removal = action.match(/^removeRow:(\w+):(\d+)$/);
      if (removal?.[1] === field.id) rows = rows.filter((_, r) => r !== Number(removal[2]));
      answers[field.id] = rows;
      continue;
    }
    const value = parseValue(field, posted, field.id);
    if (value === undefined) delete answers[field.id];
    else answers[field.id] = value;
  }
  return answers;
}
