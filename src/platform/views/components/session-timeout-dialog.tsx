import { identityPaths } from '../../http/identity-paths.ts';
import { keepAlivePath } from '../../http/keep-alive.ts';
import { perLocale } from '../../i18n/format.ts';
import { usePage } from '../page-context.ts';
import { sessionMessages } from '../session-messages.ts';

/**
 * The idle time-out's warning (WCAG 2.2.1), on every logged-in page: closed, so unseen, until
 * `session-timeout.js` opens it two minutes before the session ends; Escape there means "stay logged in". Without JavaScript a late post is
 * kept instead (ADR 28). Its texts are here, in the page's language; the script only shows one or the other.
 */
const slot = '\u0000';

/** The text with its `{when}` in a span the script rewrites with the time left when the warning opens. */
function withTimeLeft(text: string, when: string) {
  const [before, after] = text.split(slot);
  return (
    <>
      {before}
      <span data-time-left>{when}</span>
      {after}
    </>
  );
}

/** "in 2 minutes": an `Intl` formatter costs more to make than the rest of the dialog. */
const inTwoMinutes = perLocale((locale) => new Intl.RelativeTimeFormat(locale).format(2, 'minute'));

export function SessionTimeoutDialog() {
  const page = usePage();
  const left = page.sessionTimeLeft;
  if (!left) return null;
  const t = sessionMessages.translator(page.locale);
  // What the warning says before the script, opening it, puts the time really left (a late timer).
  const twoMinutes = inTwoMinutes(page.locale);
  const login = `${identityPaths.login}?${new URLSearchParams({ return: page.currentUrl })}`;
  return (
    <dialog
      id="session-timeout"
      class="session-dialog"
      aria-labelledby="session-timeout-title"
      aria-describedby="session-timeout-idle"
      data-idle-seconds={left.idleSeconds}
      data-absolute-seconds={left.absoluteSeconds}
      data-keep-alive={keepAlivePath}
    >
      <h2 id="session-timeout-title" data-state="warning" tabindex={-1}>
        {t('warningTitle')}
      </h2>
      <h2 id="session-timeout-ended-title" data-state="ended" hidden>
        {t('endedTitle')}
      </h2>
      <p id="session-timeout-idle" data-state="idle">
        {withTimeLeft(t('warningIdle', { when: slot }), twoMinutes)}
      </p>
      <p id="session-timeout-absolute" data-state="absolute" hidden>
        {withTimeLeft(t('warningAbsolute', { when: slot }), twoMinutes)}
      </p>
      <div id="session-timeout-ended" data-state="ended" hidden>
        <p>{t('endedNow')}</p>
        <p data-state="kept" hidden>
          {t('endedNowKept')}
        </p>
      </div>
      <form method="post" action={identityPaths.logout} class="button-group">
        <input type="hidden" name="_csrf" value={page.csrfToken()} />
        <button type="button" class="button button--primary" data-state="idle" data-action="stay">
          {t('stayLoggedIn')}
        </button>
        <button type="submit" class="button button--secondary" data-state="warning">
          {page.t('logout')}
        </button>
        <a class="button button--primary" href={login} data-state="ended" data-action="login" hidden>
          {t('logInAgain')}
        </a>
      </form>
    </dialog>
  );
}
