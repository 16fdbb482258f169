import type { PersonActor } from '../../platform/http/access.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { permissionLabel, themeLabel } from '../mandates/index.ts';
import type { Decision } from './can.ts';
import { policyMessages } from './messages.ts';

/**
 * The error for a refused decision: a bare "access denied", unless the person acts under a mandate
 * that does not reach this theme or right — then which one is missing, and who can extend it.
 *
 * @example if (!decision.allowed) throw refusal(decision, actor, c.var.locale);
 */
export function refusal(decision: Decision, actor: PersonActor, locale: Locale): HttpError {
  const beyond = !decision.allowed ? decision.beyondMandate : undefined;
  if (!beyond) return new HttpError(403, 'forbidden');
  const t = policyMessages.translator(locale);
  const params = {
    principal: actor.account.name,
    theme: themeLabel(beyond.theme, locale),
    right: permissionLabel(beyond.permission, locale),
  };
  const detail = t(beyond.themeCovered ? 'rightNotMandated' : 'themeNotMandated', params);
  return new HttpError(403, 'forbidden', 'forbidden', detail);
}
