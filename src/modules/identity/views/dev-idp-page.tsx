import type { AssuranceLevel } from '../../../platform/http/assurance-level.ts';
import { assuranceLevels } from '../../../platform/http/assurance-level.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { formatAvs } from '../avs-number.ts';
import type { TestPerson } from '../dev-idp/test-persons.ts';
import { identityMessages, levelKey } from '../messages.ts';

export function DevIdpPage(props: {
  locale: Locale;
  action: string;
  persons: TestPerson[];
  level: AssuranceLevel;
}) {
  const t = identityMessages.translator(props.locale);
  return (
    <>
      <h1>{t('devIdpTitle')}</h1>
      <p>{t('devIdpLead')}</p>
      <form method="post" action={props.action}>
        <CsrfField />
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{t('devIdpPerson')}</legend>
          {props.persons.map((person, index) => (
            <div class="choice">
              <input
                type="radio"
                id={`person-${person.sub}`}
                name="person"
                value={person.sub}
                checked={index === 0}
              />
              <label for={`person-${person.sub}`}>
                {person.givenNames} {person.familyName}{' '}
                <span class="choice__hint">({formatAvs(person.avs)})</span>
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{t('devIdpLevel')}</legend>
          {assuranceLevels.map((level) => (
            <div class="choice">
              <input
                type="radio"
                id={`level-${level}`}
                name="level"
                value={level}
                checked={level === props.level}
              />
              <label for={`level-${level}`}>{t(levelKey[level])}</label>
            </div>
          ))}
        </fieldset>
        <Button>{t('devIdpContinue')}</Button>
      </form>
    </>
  );
}
