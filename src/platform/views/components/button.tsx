import type { Child } from 'hono/jsx';

export function Button(props: {
  children: Child;
  variant?: 'primary' | 'secondary';
  name?: string;
  value?: string;
}) {
  return (
    <button
      type="submit"
      class={`button button--${props.variant ?? 'primary'}`}
      name={props.name}
      value={props.value}
    >
      {props.children}
    </button>
  );
}

export const buttonExamples = [
  () => <Button>Continuer</Button>,
  () => <Button variant="secondary">Enregistrer le brouillon</Button>,
];
