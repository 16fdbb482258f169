import type { FormDefinition } from '../definition.ts';

export interface StepState {
  id: string;
  active: boolean;
  exit: boolean;
  fields: { id: string; visible: boolean; required: boolean }[];
}

export interface Engine {
  evaluate(
    definition: FormDefinition,
    answers: Record<string, unknown>,
  ): { data: Record<string, unknown>; steps: StepState[] };
  withComputed(definition: FormDefinition, answers: Record<string, unknown>): Record<string, unknown>;
  holds(rule: unknown, data: Record<string, unknown>): boolean;
}

export function createEngine(jsonLogic: { apply(rule: unknown, data?: unknown): unknown }): Engine;
