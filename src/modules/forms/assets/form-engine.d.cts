import type { FormDefinition } from '../definition.ts';

interface StepState {
  id: string;
  active: boolean;
  exit: boolean;
  fields: { id: string; visible: boolean; required: boolean }[];
}

interface Engine {
  evaluate(
    definition: FormDefinition,
    answers: Record<string, unknown>,
  ): { data: Record<string, unknown>; steps: StepState[] };
  withComputed(definition: FormDefinition, answers: Record<string, unknown>): Record<string, unknown>;
  holds(rule: unknown, data: Record<string, unknown>): boolean;
}

declare const formEngine: {
  createEngine(jsonLogic: { apply(rule: unknown, data?: unknown): unknown }): Engine;
};
export = formEngine;
