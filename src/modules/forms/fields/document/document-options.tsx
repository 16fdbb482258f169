import type { OptionsProps } from '../field-kind.ts';
import { NumberOption, numberOrUndefined } from '../shared/number-options.tsx';
import type { DocumentField } from './document-field.tsx';
import { defaults, documentKinds, kindNames } from './document-kinds.ts';

/** The designer's choices for a document field: kinds, size, pages, one or several, grayscale. */
export function DocumentOptions({ field, t }: OptionsProps<DocumentField>) {
  const accepted = field.accept ?? documentKinds;
  return (
    <>
      {/* Checkboxes post nothing when unticked: this says the options were on the page. */}
      <input type="hidden" name="documentOptions" value="1" />
      <fieldset class="fieldset">
        <legend class="fieldset__legend">{t('documentAccept')}</legend>
        {documentKinds.map((kind) => (
          <div class="checkbox">
            <input
              type="checkbox"
              id={`accept-${kind}`}
              name={`accept-${kind}`}
              value="yes"
              checked={accepted.includes(kind)}
            />
            <label for={`accept-${kind}`}>{kindNames[kind]}</label>
          </div>
        ))}
      </fieldset>
      <NumberOption
        name="maxMegabytes"
        label={t('documentMaxMegabytes', { default: defaults.maxBytes / 1024 / 1024 })}
        value={field.maxBytes === undefined ? undefined : field.maxBytes / 1024 / 1024}
      />
      <NumberOption
        name="maxPages"
        label={t('documentMaxPages', { default: defaults.maxPages })}
        value={field.maxPages}
      />
      <div class="checkbox">
        <input type="checkbox" id="multiple" name="multiple" value="yes" checked={field.multiple === true} />
        <label for="multiple">{t('documentMultiple')}</label>
      </div>
      <div class="checkbox">
        <input
          type="checkbox"
          id="grayscale"
          name="grayscale"
          value="yes"
          checked={field.grayscale === true}
        />
        <label for="grayscale">{t('documentGrayscale')}</label>
      </div>
    </>
  );
}

/** The field with the options `DocumentOptions` posted; unchanged when they were not on the page. */
export function readDocumentOptions(
  field: DocumentField,
  posted: Record<string, string | File>,
): DocumentField {
  if (posted.documentOptions === undefined) return field;
  const { accept: _accept, maxBytes: _maxBytes, maxPages: _maxPages, multiple, grayscale, ...rest } = field;
  void multiple;
  void grayscale;
  // One name per kind: the builder's post keeps one value per name.
  const ticked = documentKinds.filter((kind) => posted[`accept-${kind}`] === 'yes');
  const megabytes = numberOrUndefined(posted.maxMegabytes);
  const pages = numberOrUndefined(posted.maxPages);
  return {
    ...rest,
    ...(ticked.length < documentKinds.length ? { accept: ticked } : {}),
    ...(megabytes !== undefined && megabytes > 0 ? { maxBytes: Math.round(megabytes * 1024 * 1024) } : {}),
    ...(pages !== undefined && pages >= 1 ? { maxPages: Math.floor(pages) } : {}),
    ...(posted.multiple === 'yes' ? { multiple: true } : {}),
    ...(posted.grayscale === 'yes' ? { grayscale: true } : {}),
  };
}
