import type { Locale } from '../../../../platform/i18n/locales.ts';
import { captureMessages } from '../../capture-messages.ts';
import type { CaptureView } from './document-kinds.ts';

/**
 * The pages waiting to become one document, with their preview, their quality hints and buttons to
 * reorder or delete them: plain submit buttons of the surrounding form (`action` =
 * `page:<field>:<page>:up|down|delete`), so that it works without JavaScript.
 */
export function PageList(props: {
  field: string;
  pages: CaptureView['pages'];
  imageHref: (pageId: string) => string;
  locale: Locale;
}) {
  const t = captureMessages.translator(props.locale);
  const last = props.pages.length;
  return (
    <ol class="capture-pages">
      {props.pages.map((page, i) => {
        const n = i + 1;
        return (
          <li class="capture-pages__page">
            <img src={props.imageHref(page.id)} alt={t('pageImage', { page: n })} width="96" />
            <div>
              <p class="capture-pages__name">{t('page', { page: n })}</p>
              {page.hints.map((hint) => (
                <p class="field__error">{t(hint)}</p>
              ))}
              <div class="capture-pages__actions">
                {n > 1 && (
                  <button
                    type="submit"
                    class="button button--secondary"
                    name="action"
                    value={`page:${props.field}:${page.id}:up`}
                  >
                    {t('moveUp', { page: n })}
                  </button>
                )}
                {n < last && (
                  <button
                    type="submit"
                    class="button button--secondary"
                    name="action"
                    value={`page:${props.field}:${page.id}:down`}
                  >
                    {t('moveDown', { page: n })}
                  </button>
                )}
                <button
                  type="submit"
                  class="button button--secondary"
                  name="action"
                  value={`page:${props.field}:${page.id}:delete`}
                >
                  {t('deletePage', { page: n })}
                </button>
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** A page action posted by `PageList`, read back; anything else is no page action. */
export function pageAction(action: string, field: string) {
  const [kind, fieldId, pageId, verb] = action.split(':');
  if (kind !== 'page' || fieldId !== field || !pageId) return undefined;
  if (verb !== 'up' && verb !== 'down' && verb !== 'delete') return undefined;
  return { pageId, verb } as const;
}
