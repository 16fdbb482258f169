import { type AddressField, addressField } from './address/address-field.tsx';
import { type AvsField, avsField } from './avs/avs-field.tsx';
import { type ChoiceField, choiceField } from './choice/choice-field.tsx';
import { type ComputedField, computedField } from './computed/computed-field.tsx';
import { type ConsentField, consentField } from './consent/consent-field.tsx';
import { type DateField, dateField } from './date/date-field.tsx';
import { type DocumentField, documentField } from './document/document-field.tsx';
import { type EmailField, emailField } from './email/email-field.tsx';
import type { BaseField, FieldKind } from './field-kind.ts';
import { type FileField, fileField } from './file/file-field.tsx';
import { type GroupField, groupField } from './group/group-field.tsx';
import { type IbanField, ibanField } from './iban/iban-field.tsx';
import { type InfoField, infoField } from './info/info-field.tsx';
import { type MultichoiceField, multichoiceField } from './multichoice/multichoice-field.tsx';
import { type NumberField, numberField } from './number/number-field.tsx';
import { type PhoneField, phoneField } from './phone/phone-field.tsx';
import { type TextField, textField } from './text/text-field.tsx';
import { type TextareaField, textareaField } from './textarea/textarea-field.tsx';
import { type UidField, uidField } from './uid/uid-field.tsx';
import { type YesnoField, yesnoField } from './yesno/yesno-field.tsx';

/**
 * The field types of `guichet-form/1`, each in its own folder with every concern of it (definition,
 * parsing and validation, display, JSON Schema, input view, builder options, test). A new type is a
 * new folder, and a line here and in `Field`; the registry test fails until it provides everything.
 */
export const fieldKinds = [
  textField,
  textareaField,
  numberField,
  dateField,
  emailField,
  phoneField,
  avsField,
  uidField,
  ibanField,
  addressField,
  choiceField,
  multichoiceField,
  yesnoField,
  groupField,
  fileField,
  documentField,
  consentField,
  infoField,
  computedField,
] as const;

/** A field of a form definition: what it holds depends on its `type`. */
export type Field =
  | TextField
  | TextareaField
  | NumberField
  | DateField
  | EmailField
  | PhoneField
  | AvsField
  | UidField
  | IbanField
  | AddressField
  | ChoiceField
  | MultichoiceField
  | YesnoField
  | GroupField
  | FileField
  | DocumentField
  | ConsentField
  | InfoField
  | ComputedField;

export type FieldType = Field['type'];

const byType = new Map<string, FieldKind>(fieldKinds.map((kind) => [kind.type, kind as FieldKind]));

export const isFieldType = (type: unknown): type is FieldType => typeof type === 'string' && byType.has(type);

/** The type of a field, to ask it about the field; a definition with an unknown type is never published. */
export function kindOf(field: Pick<BaseField, 'type'>): FieldKind {
  const kind = byType.get(field.type);
  if (!kind) throw new Error(`unknown field type: ${field.type}`);
  return kind;
}
