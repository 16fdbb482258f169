import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary } from '../../../platform/views/components/error-summary.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { indicatorMessages } from '../messages.ts';
import { maxCommentLength, surveyPath } from '../satisfaction.ts';

const ratings = ['1', '2', '3', '4', '5'] as const;

/** The short survey after a procedure: a rating and, if the person wishes, a comment. */
export function SurveyPage(props: {
  locale: Locale;
  state: 'ask' | 'thanks' | 'already';
  missingRating?: boolean;
  comment?: string;
}) {
  const t = indicatorMessages.translator(props.locale);
  if (props.state !== 'ask')
    return (
      <>
        <h1>{t('surveyTitle')}</h1>
        <p role="status">{t(props.state === 'thanks' ? 'surveyThanks' : 'surveyAlready')}</p>
      </>
    );
  const ratingError = props.missingRating ? t('ratingMissing') : undefined;
  return (
    <>
      <ErrorSummary errors={ratingError ? [{ field: 'rating-1', message: ratingError }] : []} />
      <h1>{t('surveyTitle')}</h1>
      <p>{t('surveyLead')}</p>
      <form method="post">
        <CsrfField />
        <fieldset
          class={ratingError ? 'fieldset field--error' : 'fieldset'}
          aria-describedby={ratingError ? 'rating-error' : undefined}
        >
          <legend class="fieldset__legend">{t('ratingLegend')}</legend>
          {ratingError && (
            <p class="field__error" id="rating-error">
              {ratingError}
            </p>
          )}
          {ratings.map((value) => (
            <div class="choice">
              <input type="radio" id={`rating-${value}`} name="rating" value={value} />
              <label for={`rating-${value}`}>{t(`rating${value}`)}</label>
            </div>
          ))}
        </fieldset>
        <FieldFrame id="comment" label={t('commentLabel')} hint={t('commentHint')}>
          <textarea
            class="field__input"
            id="comment"
            name="comment"
            rows={4}
            maxlength={maxCommentLength}
            aria-describedby={describedBy('comment', { hint: t('commentHint') })}
          >
            {props.comment}
          </textarea>
        </FieldFrame>
        <Button>{t('send')}</Button>
      </form>
    </>
  );
}

/** The link to the survey, shown once a procedure is done. */
export function SurveyInvite(props: { locale: Locale; submissionId: string }) {
  return (
    <p>
      <a href={surveyPath(props.submissionId)}>
        {indicatorMessages.translator(props.locale)('surveyInvite')}
      </a>
    </p>
  );
}
