import { raw } from 'hono/html';
import { Button } from '../../../../platform/views/components/button.tsx';
import { captureMessages } from '../../capture-messages.ts';
import type { InputProps } from '../field-kind.ts';
import { Described } from '../shared/input-parts.tsx';
import type { DocumentField } from './document-field.tsx';
import {
  type AttachedDocument,
  type DocumentKind,
  defaults,
  documentKinds,
  kindNames,
} from './document-kinds.ts';
import { PageList } from './page-list.tsx';

const acceptOf: Record<DocumentKind, string> = {
  pdf: 'application/pdf,.pdf',
  jpeg: 'image/jpeg,.jpg,.jpeg',
  png: 'image/png,.png',
};

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * The document field in the runner: what is attached, the pages waiting, files to choose or drop, a
 * photo to take, and "continue on your phone". Every action is a submit button of the step's form.
 */
export function DocumentInput(props: InputProps<DocumentField>) {
  const { field, name, id } = props;
  const t = captureMessages.translator(props.locale);
  const documents = Array.isArray(props.value) ? (props.value as AttachedDocument[]) : [];
  const kinds = field.accept ?? documentKinds;
  const photos = kinds.includes('jpeg') || kinds.includes('png');
  const capture = props.capture;
  const full = documents.length >= (field.multiple ? defaults.maxDocuments : 1);
  return (
    <fieldset class="fieldset document-capture" id={id} aria-describedby={props.aria['aria-describedby']}>
      <legend class="fieldset__legend">{props.label}</legend>
      <Described id={id} hint={props.hint} error={props.error} known={props.known} t={props.t} />
      <p class="field__hint">
        {t('limits', {
          kinds: kinds.map((kind) => kindNames[kind]).join(', '),
          size: megabytes(field.maxBytes ?? defaults.maxBytes),
          pages: field.maxPages ?? defaults.maxPages,
        })}
      </p>
      {documents.length > 0 && <h3 class="document-capture__title">{t('attached')}</h3>}
      {/* Always there, empty or not: the script lists here what the phone sends. */}
      <ul class="document-capture__documents" data-documents>
        {documents.map((document, i) => (
          <li>
            {t('documentPages', { name: document.name, pages: document.pages })}{' '}
            <button
              type="submit"
              class="button button--secondary"
              name="action"
              value={`removeDocument:${name}:${i}`}
            >
              {t('removeDocument', { name: document.name })}
            </button>
          </li>
        ))}
      </ul>
      {capture && capture.pages.length > 0 && (
        <>
          <h3 class="document-capture__title">{t('waitingPages')}</h3>
          <PageList
            field={name}
            pages={capture.pages}
            imageHref={(pageId) => `${capture.draftPath}/pages/${pageId}?field=${name}`}
            locale={props.locale}
          />
          <Button variant="secondary" name="action" value={`makeDocument:${name}`}>
            {t('makeDocument')}
          </Button>
        </>
      )}
      {!full && (
        <>
          <div class="drop-zone" data-drop-zone>
            <label class="field__label" for={`${id}-files`}>
              {t('choosePages')}
            </label>
            <p class="field__hint">{t('choosePagesHint')}</p>
            <input
              class="field__input"
              type="file"
              id={`${id}-files`}
              name={name}
              multiple
              accept={kinds.map((kind) => acceptOf[kind]).join(',')}
              aria-invalid={props.aria['aria-invalid']}
            />
          </div>
          {photos && (
            <div class="field">
              <label class="field__label" for={`${id}-camera`}>
                {t('takePhoto')}
              </label>
              <input
                class="field__input"
                type="file"
                id={`${id}-camera`}
                name={name}
                accept="image/*"
                capture="environment"
              />
            </div>
          )}
          <Button variant="secondary" name="action" value={`addPages:${name}`}>
            {t('addPages')}
          </Button>
          {capture && photos && <PhoneCapture name={name} capture={capture} t={t} />}
        </>
      )}
    </fieldset>
  );
}

function PhoneCapture(props: {
  name: string;
  capture: NonNullable<InputProps<DocumentField>['capture']>;
  t: ReturnType<typeof captureMessages.translator>;
}) {
  const { capture, t } = props;
  const { phone } = capture;
  return (
    <div
      class="capture-phone"
      data-capture-poll={capture.waiting ? `${capture.draftPath}/fields/${props.name}/documents` : undefined}
      data-arrived={t('phoneArrived', { name: '{name}' })}
    >
      <h3 class="document-capture__title">{t('phoneTitle')}</h3>
      {phone ? (
        <>
          <p>{t('phoneScan', { url: phone.codeUrl })}</p>
          <div class="capture-phone__qr" role="img" aria-label={t('phoneQr')}>
            {raw(phone.qrSvg)}
          </div>
          <p>
            {t('phoneCode')} :{' '}
            <code class="secret" data-testid="capture-code">
              {phone.code}
            </code>
          </p>
          <p>
            <a href={phone.link}>{phone.link}</a>
          </p>
          <p>{t('phoneExpires')}</p>
        </>
      ) : capture.waiting ? (
        <p>
          {t('phoneWaiting')} <a href={capture.reloadHref}>{t('reload')}</a>
        </p>
      ) : (
        <p>{t('phoneIntro')}</p>
      )}
      <p class="capture-phone__status" aria-live="polite" data-capture-status></p>
      {!phone && (
        <Button variant="secondary" name="action" value={`phone:${props.name}`}>
          {t('phoneStart')}
        </Button>
      )}
    </div>
  );
}
