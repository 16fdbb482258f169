import type { Child } from 'hono/jsx';

export function Table(props: {
  caption: string;
  head: string[];
  rows: Child[][];
  numeric?: number[];
  /** The caption only repeats the page's heading: kept for screen readers, not shown twice. */
  captionHidden?: boolean;
}) {
  const numeric = new Set(props.numeric ?? []);
  return (
    // Focusable and named, so that a table wider than a phone's screen can be scrolled from the keyboard.
    // biome-ignore lint/a11y/useSemanticElements: a scroll container, not a set of form controls (fieldset)
    <div class="table-wrapper" tabindex={0} role="group" aria-label={props.caption}>
      <table class="table">
        <caption class={props.captionHidden ? 'table__caption visually-hidden' : 'table__caption'}>
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.head.map((label, index) => (
              <th scope="col" class={numeric.has(index) ? 'table__numeric' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {row.map((cell, index) => (
                <td class={numeric.has(index) ? 'table__numeric' : undefined}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const tableExamples = [
  () => (
    <Table
      caption="Émoluments"
      head={['Prestation', 'Montant']}
      numeric={[1]}
      rows={[
        ['Extrait du registre des poursuites', 'CHF 17.00'],
        ['Autorisation de pratiquer', 'CHF 300.00'],
      ]}
    />
  ),
];
