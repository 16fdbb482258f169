import type { Child } from 'hono/jsx';

/** Terms and their values (a request's facts, a payment's), read as a description list. */
export function SummaryList(props: { rows: [string, Child][] }) {
  return (
    <dl class="summary-list">
      {props.rows.map(([term, value]) => (
        <div class="summary-list__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export const summaryListExamples = [
  () => (
    <SummaryList
      rows={[
        ['Objet', 'Taxe des chiens'],
        ['Montant', 'CHF 100.00'],
        ['Référence', 'GU-2026-0000001'],
      ]}
    />
  ),
];
