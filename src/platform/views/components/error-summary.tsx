import { usePage } from '../page-context.ts';

export interface FieldError {
  field: string;
  message: string;
}

/** Listed at the top of a form that failed validation; each entry links to its field. */
export function ErrorSummary(props: { errors: FieldError[] }) {
  const { t } = usePage();
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 class="error-summary__title" id="error-summary-title">
        {t('errorSummaryTitle')}
      </h2>
      <ul class="error-summary__list">
        {props.errors.map((error) => (
          <li>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const errorSummaryExamples = [
  () => <ErrorSummary errors={[{ field: 'example-avs', message: 'Le numéro AVS n’est pas valable' }]} />,
];
