import { type AssuranceLevel, isAssuranceLevel } from '../../platform/http/assurance-level.ts';
import { type Locale, type LocalisedText, locales } from '../../platform/i18n/locales.ts';
import { isMandateTheme, type MandateTheme } from '../mandates/index.ts';
import { type Audience, audiences, isLifeEvent, isTopic, type LifeEvent, type Topic } from './taxonomy.ts';

/**
 * What a catalogue entry says, as one immutable version. Texts are per language; French is required
 * because it is the canton's reference language, the others fall back to it.
 */
export interface ServiceContent {
  name: LocalisedText;
  summary: LocalisedText;
  description: LocalisedText;
  /** What to have at hand: documents, numbers, a card. */
  requirements: LocalisedText;
  /** The documents the procedure ends with, e.g. "a sealed extract in your documents". */
  documentsIssued: LocalisedText;
  audiences: Audience[];
  /** In centimes; null when the service is free. */
  feeCents: number | null;
  /** The usual processing time in working days; null when immediate. */
  processingDays: number | null;
  level: AssuranceLevel;
  /** Whether the whole procedure can be done in the portal. */
  online: boolean;
  /** The mandate theme a representative needs to use this service for someone else. */
  theme: MandateTheme | null;
  /** The published form its online procedure runs; absent in entries saved before forms existed. */
  formId?: string | null;
  /**
   * A page of the portal itself that runs the procedure (a booking calendar, a statement screen), for
   * services no form can express; when set, the start button leads there rather than to the form.
   */
  startPath?: string | null;
  topics: Topic[];
  lifeEvents: LifeEvent[];
}

/**
 * Whether people can really do the service in the portal: the designer says it is online *and* a form
 * or a page of the portal runs it. A page never promises an online procedure that leads nowhere.
 */
export function isOnline(content: Pick<ServiceContent, 'online' | 'formId' | 'startPath'>): boolean {
  return content.online && Boolean(content.formId || content.startPath);
}

/**
 * A same-origin absolute path: one leading `/`, no `//` (a protocol-relative URL), no backslash
 * (browsers read it as `/`), no scheme and no spaces, so a designer cannot turn the start button into
 * an open redirect.
 */
export function isStartPath(value: string): boolean {
  return value.length <= 200 && /^\/[A-Za-z0-9\-._~%/?=&]*$/.test(value) && !value.includes('//');
}

export const localisedFields = ['name', 'summary', 'description', 'requirements', 'documentsIssued'] as const;
type LocalisedField = (typeof localisedFields)[number];

export type ContentProblem =
  | 'nameMissing'
  | 'summaryMissing'
  | 'descriptionMissing'
  | 'audiencesMissing'
  | 'feeInvalid'
  | 'processingDaysInvalid'
  | 'levelInvalid'
  | 'themeInvalid'
  | 'startPathInvalid'
  | 'topicsMissing'
  | 'tooLong';

const maxLength: Record<LocalisedField, number> = {
  name: 120,
  summary: 300,
  description: 5000,
  requirements: 2000,
  documentsIssued: 500,
};

type FormValues = Record<string, string | string[] | undefined>;

/**
 * Reads a designer's form into content, keeping every value typed so that a refused form comes back
 * filled in. Field names: `name.fr`, `summary.de`, …, `audiences`, `fee` (francs), `processingDays`,
 * `level`, `online`, `theme`, `formId`, `startPath`, `topics`, `lifeEvents`.
 */
export function parseServiceContent(form: FormValues): {
  content: ServiceContent;
  problems: { field: string; problem: ContentProblem }[];
} {
  const problems: { field: string; problem: ContentProblem }[] = [];
  const text = (name: string) => {
    const value = form[name];
    return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
  };
  const list = (name: string) => {
    const value = form[name] ?? form[`${name}[]`];
    return (Array.isArray(value) ? value : value ? [value] : []).map((v) => v.trim());
  };
  const localised = (field: LocalisedField): LocalisedText => {
    const result: Partial<Record<Locale, string>> = {};
    for (const locale of locales) {
      const value = text(`${field}.${locale}`).replace(/\r\n/g, '\n');
      if (value.length > maxLength[field]) problems.push({ field: `${field}.${locale}`, problem: 'tooLong' });
      if (value) result[locale] = value;
    }
    return { ...result, fr: result.fr ?? '' };
  };
  const content: ServiceContent = {
    name: localised('name'),
    summary: localised('summary'),
    description: localised('description'),
    requirements: localised('requirements'),
    documentsIssued: localised('documentsIssued'),
    audiences: audiences.filter((a) => list('audiences').includes(a)),
    feeCents: null,
    processingDays: null,
    level: 'substantial',
    online: text('online') === 'yes',
    theme: null,
    topics: list('topics').filter(isTopic),
    lifeEvents: list('lifeEvents').filter(isLifeEvent),
  };
  if (!content.name.fr) problems.push({ field: 'name.fr', problem: 'nameMissing' });
  if (!content.summary.fr) problems.push({ field: 'summary.fr', problem: 'summaryMissing' });
  if (!content.description.fr) problems.push({ field: 'description.fr', problem: 'descriptionMissing' });
  if (content.audiences.length === 0) problems.push({ field: 'audiences', problem: 'audiencesMissing' });
  if (content.topics.length === 0) problems.push({ field: 'topics', problem: 'topicsMissing' });

  const fee = text('fee')
    .replace(/^CHF\s*/i, '')
    .replace(',', '.');
  if (fee) {
    const francs = /^\d{1,6}(\.\d{1,2})?$/.test(fee) ? Number(fee) : Number.NaN;
    if (Number.isNaN(francs)) problems.push({ field: 'fee', problem: 'feeInvalid' });
    else content.feeCents = Math.round(francs * 100) || null;
  }
  const days = text('processingDays');
  if (days) {
    if (/^\d{1,3}$/.test(days)) content.processingDays = Number(days);
    else problems.push({ field: 'processingDays', problem: 'processingDaysInvalid' });
  }
  const level = text('level');
  if (isAssuranceLevel(level)) content.level = level;
  else problems.push({ field: 'level', problem: 'levelInvalid' });
  const theme = text('theme');
  if (isMandateTheme(theme)) content.theme = theme;
  else if (theme) problems.push({ field: 'theme', problem: 'themeInvalid' });
  const formId = text('formId');
  content.formId = /^[0-9a-f-]{36}$/.test(formId) ? formId : null;
  const startPath = text('startPath');
  content.startPath = startPath && isStartPath(startPath) ? startPath : null;
  if (startPath && !content.startPath) problems.push({ field: 'startPath', problem: 'startPathInvalid' });
  return { content, problems };
}

/** The designer form's values for existing content, the inverse of `parseServiceContent`. */
export function formValuesOf(content: ServiceContent): FormValues {
  const values: FormValues = {
    audiences: content.audiences,
    fee: content.feeCents === null ? '' : (content.feeCents / 100).toFixed(2),
    processingDays: content.processingDays === null ? '' : String(content.processingDays),
    level: content.level,
    online: content.online ? 'yes' : 'no',
    theme: content.theme ?? '',
    formId: content.formId ?? '',
    startPath: content.startPath ?? '',
    topics: content.topics,
    lifeEvents: content.lifeEvents,
  };
  for (const field of localisedFields)
    for (const locale of locales) values[`${field}.${locale}`] = content[field][locale] ?? '';
  return values;
}

/** Every text of the entry in one language, for the search index. */
export function searchableText(content: ServiceContent, locale: Locale): string {
  return [content.name, content.summary, content.description, content.documentsIssued]
    .map((t) => t[locale] ?? '')
    .join('\n');
}
