import type { Locale } from '../../../platform/i18n/locales.ts';
import { InLanguage } from '../../../platform/views/components/in-language.tsx';
import type { FormDefinition } from '../definition.ts';
import { displayValue } from '../display.ts';
import { kindOf } from '../fields/registry.ts';

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
        const answered = step.fields.filter((f) => kindOf(f).hasValue && props.answers[f.id] !== undefined);
        if (answered.length === 0) return null;
        return (
          <>
            <h3>
              <InLanguage text={step.title} locale={props.locale} />
            </h3>
            <dl class="summary-list">
              {answered.map((field) => {
                const value = props.answers[field.id];
                const kind = kindOf(field);
                const files = kind.filesOf?.(value);
                const fileId = kind.fileOf?.(value);
                const text = displayValue(field, value, props.locale);
                return (
                  <div class="summary-list__row">
                    <dt>
                      <InLanguage text={field.label} locale={props.locale} />
                    </dt>
                    <dd class="pre-line">
                      {files && props.fileHref ? (
                        <ul class="list">
                          {files.map((file) => (
                            <li>
                              <a href={props.fileHref?.(file.fileId)}>{file.name}</a>
                            </li>
                          ))}
                        </ul>
                      ) : fileId !== undefined && props.fileHref ? (
                        <a href={props.fileHref(fileId)}>{text}</a>
                      ) : (
                        text
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </>
        );
      })}
    </>
  );
}
