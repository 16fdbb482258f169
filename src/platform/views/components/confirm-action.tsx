import type { Child } from 'hono/jsx';
import { Button } from './button.tsx';
import { CsrfField } from './csrf-field.tsx';

/**
 * The step before an action that cannot be undone: a page of its own (no script needed) saying what
 * will happen, with the action to confirm and a way back. `children`: fields the action needs (a reason).
 */
export function ConfirmAction(props: {
  title: string;
  consequences: string[];
  action: string;
  confirmLabel: string;
  cancelHref: string;
  cancelLabel: string;
  children?: Child;
}) {
  return (
    <>
      <h1>{props.title}</h1>
      {props.consequences.map((text) => (
        <p>{text}</p>
      ))}
      <form method="post" action={props.action} novalidate>
        <CsrfField />
        {props.children}
        <div class="button-group">
          <Button>{props.confirmLabel}</Button>
          <a href={props.cancelHref}>{props.cancelLabel}</a>
        </div>
      </form>
    </>
  );
}

export const confirmActionExamples = [
  () => (
    <ConfirmAction
      title="Retirer la demande 2026-000123 ?"
      consequences={['Votre demande ne sera plus traitée. Ce retrait ne peut pas être annulé.']}
      action="/requests/example/withdraw"
      confirmLabel="Oui, retirer la demande"
      cancelHref="/requests/example"
      cancelLabel="Non, revenir à la demande"
    />
  ),
];
