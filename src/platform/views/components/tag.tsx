import type { Child } from 'hono/jsx';

export type TagTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A short status label (e.g. a request's status); the text carries the meaning, colour only helps. */
export function Tag(props: { tone?: TagTone; children: Child }) {
  return <strong class={`tag tag--${props.tone ?? 'neutral'}`}>{props.children}</strong>;
}

export const tagExamples = [
  () => <Tag tone="info">En traitement</Tag>,
  () => <Tag tone="success">Accordé</Tag>,
  () => <Tag tone="warning">Complément demandé</Tag>,
  () => <Tag tone="danger">Refusé</Tag>,
];
