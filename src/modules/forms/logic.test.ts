import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../tests/support/browser.ts';
import { definitionProblems, type FormDefinition } from './definition.ts';
import { demoDogRegistration } from './demo-forms.ts';
import { engine } from './engine.ts';
import { formJsonSchema } from './schema.ts';
import { ibanIsValid, validateAnswers } from './validate.ts';

/** A form like the designers make: a choice that opens a field, a computed fee, a repeating group. */
const definition: FormDefinition = {
  format: 'guichet-form/1',
  title: { fr: 'Annonce de chiens' },
  steps: [
    {
      id: 'owner',
      title: { fr: 'Détenteur' },
      fields: [
        { id: 'name', type: 'text', label: { fr: 'Nom' }, required: true, maxLength: 40 },
        { id: 'email', type: 'email', label: { fr: 'E-mail' } },
        {
          id: 'dogs',
          type: 'number',
          label: { fr: 'Nombre de chiens' },
          required: true,
          integer: true,
          min: 1,
          max: 5,
        },
        {
          id: 'fee',
          type: 'computed',
          label: { fr: 'Taxe' },
          expression: { '*': [{ var: 'dogs' }, 100] },
          format: 'chf',
        },
        {
          id: 'kind',
          type: 'choice',
          label: { fr: 'Genre' },
          required: true,
          options: [
            { value: 'pet', label: { fr: 'Compagnie' } },
            { value: 'work', label: { fr: 'Travail' } },
          ],
        },
        {
          id: 'farm',
          type: 'text',
          label: { fr: 'Exploitation' },
          showIf: { '==': [{ var: 'kind' }, 'work'] },
          required: true,
        },
        { id: 'born', type: 'date', label: { fr: 'Né le' }, maxDate: 'today' },
        { id: 'insured', type: 'yesno', label: { fr: 'Assuré' }, required: true },
        { id: 'avs', type: 'avs', label: { fr: 'AVS' } },
        { id: 'iban', type: 'iban', label: { fr: 'IBAN' } },
      ],
    },
    {
      id: 'details',
      title: { fr: 'Détails' },
      showIf: { '>': [{ var: 'dogs' }, 1] },
      exitIf: { '>': [{ var: 'dogs' }, 4] },
      fields: [
        {
          id: 'list',
          type: 'group',
          label: { fr: 'Chiens' },
          required: true,
          maxRows: 5,
          fields: [
            { id: 'chip', type: 'text', label: { fr: 'Puce' }, required: true, pattern: '[0-9]{15}' },
            { id: 'weight', type: 'number', label: { fr: 'Poids' }, min: 0, max: 120 },
          ],
        },
        {
          id: 'colours',
          type: 'multichoice',
          label: { fr: 'Couleurs' },
          options: [
            { value: 'black', label: { fr: 'Noir' } },
            { value: 'white', label: { fr: 'Blanc' } },
          ],
        },
      ],
    },
  ],
};

/** Values of every shape a form post or an API could carry: right, wrong, missing. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -10, max: 10 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(
    '',
    'pet',
    'work',
    'black',
    'white',
    'x@y.ch',
    'not-an-email',
    '7561234567897',
    '756.1234.5678.97',
    'CH9300762011623852957',
    '2020-02-29',
    '2020-02-30',
    '2999-01-01',
    '123456789012345',
  ),
  fc.string({ maxLength: 50 }),
  fc.array(fc.constantFrom('black', 'white', 'red'), { maxLength: 3 }),
  fc.array(
    fc.record(
      {
        chip: fc.oneof(fc.constant('123456789012345'), fc.string()),
        weight: fc.oneof(fc.integer({ min: -5, max: 150 }), fc.string()),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 6 },
  ),
);
const anyAnswers = fc.dictionary(
  fc.constantFrom(
    'name',
    'email',
    'dogs',
    'fee',
    'kind',
    'farm',
    'born',
    'insured',
    'avs',
    'iban',
    'list',
    'colours',
    'extra',
  ),
  anyValue,
);
/** Answers that are mostly right, so that accepted submissions are common enough to test. */
const plausibleAnswers = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 40 }),
    email: fc.constantFrom('anna@example.ch', 'anna@example.ch', 'wrong'),
    dogs: fc.integer({ min: 0, max: 6 }),
    kind: fc.constantFrom('pet', 'work'),
    farm: fc.constantFrom('La Ferme', 'La Ferme', ''),
    born: fc.constantFrom('2019-05-01', '2019-05-01', '2030-01-01'),
    insured: fc.boolean(),
    avs: fc.constantFrom('7561234567897', '7561234567897', '7561234567890'),
    iban: fc.constantFrom('CH9300762011623852957', 'CH9300762011623852957', 'CH9300762011623852958'),
    list: fc.array(
      fc.record({ chip: fc.constantFrom('123456789012345', '12'), weight: fc.integer({ min: 0, max: 130 }) }),
      { maxLength: 6 },
    ),
    colours: fc.subarray(['black', 'white']),
  },
  { requiredKeys: ['name', 'dogs', 'kind', 'insured', 'farm'] },
);

describe('validation and the JSON Schema of the data model', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const schema = formJsonSchema(definition, 'https://guichet.example/forms/dogs/1/schema.json');
  const schemaAccepts = ajv.compile(schema);

  it('never accepts data its JSON Schema rejects', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: anyAnswers, weight: 1 }, { arbitrary: plausibleAnswers, weight: 4 }),
        (answers) => {
          const { problems, cleaned } = validateAnswers(definition, answers, { today: '2026-11-24' });
          if (problems.length > 0) return;
          accepted += 1;
          expect(schemaAccepts(cleaned), JSON.stringify({ cleaned, errors: schemaAccepts.errors })).toBe(
            true,
          );
        },
      ),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(40); // the property was really exercised
  });

  it('keeps only what applies: a hidden field or a skipped step leaves no answer behind', () => {
    const { problems, cleaned } = validateAnswers(
      definition,
      {
        name: 'Anna',
        dogs: 1,
        kind: 'pet',
        farm: 'should go',
        insured: true,
        list: [{ chip: '123456789012345' }],
      },
      { today: '2026-11-24' },
    );
    expect(problems).toEqual([]);
    expect(cleaned).toEqual({ name: 'Anna', dogs: 1, fee: 100, kind: 'pet', insured: true });
  });

  it('asks for the field a choice opens, and for the rows of a table', () => {
    const { problems } = validateAnswers(
      definition,
      { name: 'A', dogs: 2, kind: 'work', insured: false },
      { today: '2026-11-24' },
    );
    expect(problems.map((p) => `${p.field}:${p.problem}`)).toEqual(['farm:required', 'list:tooFewRows']);
  });

  it('accepts the demo form as publishable', () => {
    expect(definitionProblems(demoDogRegistration)).toEqual([]);
    expect(
      definitionProblems({ ...definition, steps: [{ id: 'Bad id', title: { fr: '' }, fields: [] }] }),
    ).toEqual(['stepId:Bad id', 'stepTitle:Bad id']);
  });

  it('checks IBAN numbers with their check digits', () => {
    expect(ibanIsValid('CH9300762011623852957')).toBe(true);
    expect(ibanIsValid('CH9300762011623852958')).toBe(false);
  });
});

describe('the logic engine in the browser and on the server', () => {
  let browser: Browser;
  let page: Page;
  const require = createRequire(import.meta.url);

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><title>engine</title>');
    await page.addScriptTag({ content: readFileSync(require.resolve('json-logic-js/logic.js'), 'utf8') });
    await page.addScriptTag({
      content: readFileSync(path.join(import.meta.dirname, 'assets/form-engine.cjs'), 'utf8'),
    });
  });
  afterAll(() => browser?.close());

  it('agree on every step, field, requirement and computed value', async () => {
    const samples = fc.sample(fc.oneof(anyAnswers, plausibleAnswers), 500);
    const inBrowser = await page.evaluate(
      ({ definition, samples }) => {
        const windowEngine = globalThis as unknown as {
          GuichetFormEngine: { createEngine(j: unknown): { evaluate(d: unknown, a: unknown): unknown } };
          jsonLogic: unknown;
        };
        const browserEngine = windowEngine.GuichetFormEngine.createEngine(windowEngine.jsonLogic);
        return samples.map((answers) => JSON.stringify(browserEngine.evaluate(definition, answers)));
      },
      { definition, samples: JSON.parse(JSON.stringify(samples)) as object[] },
    );
    const onServer = (JSON.parse(JSON.stringify(samples)) as object[]).map((answers) =>
      JSON.stringify(engine.evaluate(definition, answers as Record<string, unknown>)),
    );
    expect(inBrowser).toEqual(onServer);
    // And the cases are varied: the second step is both skipped and shown, the exit both taken and not.
    const states = onServer.map((s) => JSON.parse(s) as { steps: { active: boolean; exit: boolean }[] });
    expect(new Set(states.map((s) => s.steps[1]?.active)).size).toBe(2);
    expect(states.some((s) => s.steps[1]?.exit)).toBe(true);
  });
});
