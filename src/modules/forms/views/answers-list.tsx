import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import type { FormDefinition } from '../definition.ts';
import { displayValue } from '../display.ts';

/** Submitted answers as a summary list, step by step: for the back office's request page. */
export function AnswersList(props: {
  locale: Locale;
  definition: FormDefinition;
  answers: Record<string, unknown>;
  /** Where an attached file opens, when the reader may open it. */
  fileHref?: (fileId: string) => string;
}) {
  return (
    <>
      {props.definition.steps.map((step) => {
        const answered = step.fields.filter((f) => f.type !== 'info' && props.answers[f.id] !== undefined);
        if (answered.length === 0) return null;
        return (
          <>
            <h3>{pick(step.title, props.locale)}</h3>
            <dl class="summary-list">
              {answered.map((field) => (
                <div class="summary-list__row">
                  <dt>{pick(field.label, props.locale)}</dt>
                  <dd class="pre-line">
                    {field.type === 'file' && props.fileHref ? (
                      <a href={props.fileHref((props.answers[field.id] as { fileId: string }).fileId)}>
                        {displayValue(field, props.answers[field.id], props.locale)}
                      </a>
                    ) : (
                      displayValue(field, props.answers[field.id], props.locale)
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </>
        );
      })}
    </>
  );
}
