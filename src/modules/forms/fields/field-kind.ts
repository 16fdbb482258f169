import type { Child } from 'hono/jsx';
import type { Locale, LocalisedText } from '../../../platform/i18n/locales.ts';
import type { builderMessages } from '../builder-messages.ts';
import type { FormDefinition, Logic, PrefillSource } from '../definition.ts';
import type { formMessages } from '../messages.ts';
import type { FieldProblem, Problem } from '../validate.ts';
import type { CaptureView } from './document/document-kinds.ts';

/** What every field has, whatever its type: the rest is the type's own (`fields/<type>/`). */
export interface BaseField<Type extends string = string> {
  id: string;
  type: Type;
  label: LocalisedText;
  hint?: LocalisedText;
  required?: boolean;
  requiredIf?: Logic;
  showIf?: Logic;
  prefill?: PrefillSource;
}

/** A form post as Hono parses it with `all: true`. */
export type Posted = Record<string, string | string[] | File | (string | File)[]>;
export type Schema = Record<string, unknown>;
export type RunnerT = ReturnType<typeof formMessages.translator>;
export type BuilderT = ReturnType<typeof builderMessages.translator>;

/**
 * How the browser script reads an answer from the inputs named after the field, to re-evaluate the
 * logic as the person types; a type without one keeps the value the server last saw.
 */
export type BrowserRead = 'text' | 'number' | 'choice' | 'choices' | 'yesno' | 'checked';

export interface ValidationContext {
  today: string;
  /** Whether problems are reported (the step being checked), or only what is kept is worked out. */
  checking: boolean;
  required: boolean;
  /** The answers with the computed values. */
  data: Record<string, unknown>;
  /** A column's value checked by its own type (for types made of fields). */
  checkChild: (child: BaseField, value: unknown) => Problem | undefined;
}

/** The problems of an answer, and the value kept (`undefined`: nothing is kept). */
export interface Validated {
  problems: FieldProblem[];
  value?: unknown;
}

/** What the runner's view of a field receives: its label, hint and error already worked out. */
export interface InputProps<F extends BaseField> {
  field: F;
  /** The posted name (inside a group: `group[0].child`) and the element id made from it. */
  name: string;
  id: string;
  value: unknown;
  locale: Locale;
  t: RunnerT;
  /** The label in the page's language, or its fallback marked with its own `lang`. */
  label: Child;
  hint?: string;
  error?: string;
  known?: boolean;
  aria: { 'aria-describedby'?: string; 'aria-invalid'?: 'true' };
  errors: Record<string, string>;
  /** The answer as people read it. */
  display: (value: unknown) => string;
  /** For a document field: the pages waiting and the phone link (see `fields/document/`). */
  capture?: CaptureView;
  /** A column's input (for types made of fields). */
  renderField: (props: { field: BaseField; name: string; value: unknown; required: boolean }) => Child;
}

export interface OptionsProps<F extends BaseField> {
  field: F;
  definition: FormDefinition;
  locale: Locale;
  t: BuilderT;
  /**
   * The field page's query: a type's button named `stay` saves the field and comes back to its page
   * with its value as the query (`blankOptions=2`), e.g. to add rows without JavaScript.
   */
  query?: Record<string, string>;
}

/** The builder's page of a field, below its form: what the type holds besides (a group's columns). */
export interface SectionProps<F extends BaseField> extends OptionsProps<F> {
  /** The form in the builder, e.g. `/back-office/forms/<id>`. */
  formPath: string;
  typeName: (type: string) => string;
  /** The types a column may have, with their names. */
  columnTypes: [string, string][];
}

/**
 * One field type, every concern of it in one place: adding a type adds its folder and a line in
 * `registry.ts`. The registry test checks that each type provides all of these.
 */
export interface FieldKind<F extends BaseField = BaseField> {
  type: F['type'];
  /** Its name in the builder. */
  name: Record<Locale, string>;
  /** The person answers it (information texts and computed values are not asked). */
  asks: boolean;
  /** It has a value among the answers (an information text has none). */
  hasValue: boolean;
  /** A required field of this type is always in accepted answers (a group with no minimum row may not be). */
  requiredInSchema: boolean;
  /** It may be a column of a repeating group. */
  inGroup: boolean;
  /** It may be filled with what the platform knows (`prefillSources`). */
  prefillable: boolean;
  /** Its label is a text to read, edited on several lines. */
  multilineLabel: boolean;
  /** What a new field of this type holds besides its id and type (a label, options, columns…). */
  starter(freshId: (prefix: string) => string): Partial<Omit<F, 'id' | 'type'>>;
  /**
   * Answers to a field as `starter` makes it: the valid ones pass `check` and the JSON Schema, the
   * invalid ones fail `check` (the registry test runs them for every type).
   */
  examples: { valid: unknown[]; invalid: unknown[] };
  /** What keeps a form with this field from being published, e.g. `options:<id>`. */
  problems(field: F): string[];

  /** The typed answer from the post; `previous` is what the draft held. */
  parse(
    field: F,
    posted: Posted,
    name: string,
    previous: unknown,
    parseChild: (child: BaseField, name: string) => unknown,
  ): unknown;
  /** The problem of a value that is not empty, if any. */
  check(field: F, value: unknown, today: string): Problem | undefined;
  /** Replaces the common rule (empty and required → `required`, else `check`) where the type differs. */
  validate?(field: F, value: unknown, context: ValidationContext): Validated;
  /** A value that is not empty, as people read it (check-your-answers, the PDF receipt). */
  display(
    field: F,
    value: unknown,
    locale: Locale,
    displayChild: (child: BaseField, value: unknown) => string,
  ): string;
  /** Its value as JSON Schema: what validation enforces, never less. */
  schema(field: F, schemaOf: (child: BaseField) => Schema): Schema;
  /** The stored file an answer refers to, so that readers get a link to it. */
  fileOf?(value: unknown): string | undefined;
  /** Every stored file an answer refers to, when it may hold several. */
  filesOf?(value: unknown): { fileId: string; name: string }[];

  /** The runner's view, inside the field's wrapper. */
  Input(props: InputProps<F>): Child;
  /** How the browser script reads its answer (put on the wrapper as `data-read`). */
  reads?: BrowserRead;

  /** The builder's options of the type, inside the field's form. */
  Options(props: OptionsProps<F>): Child;
  /** The field with the options posted by `Options`. */
  readOptions(field: F, posted: Record<string, string | File>): F;
  /** More of the builder's page of the field, below its form. */
  Section?(props: SectionProps<F>): Child;
  /** As the subject of a condition: the typed value of what the designer wrote. */
  conditionValue?(raw: string): unknown;
  /**
   * As the subject of a condition, the answers it is compared with, chosen from a menu (as posted by
   * the runner, read with `conditionValue`); without them the designer types the value.
   */
  conditionAnswers?(field: F): string[];
}
