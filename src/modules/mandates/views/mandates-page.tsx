import type { Child } from 'hono/jsx';
import { formatShortDate } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag, type TagTone } from '../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import type { Mandate } from '../mandates.ts';
import { mandateMessages, themeKey } from '../messages.ts';
import { type MandatePermission, type MandateState, mandatePermissions, mandateThemes } from '../tables.ts';

type Translate = ReturnType<typeof mandateMessages.translator>;

const permissionKey = (p: MandatePermission) =>
  `permission${p[0]?.toUpperCase()}${p.slice(1)}` as Parameters<Translate>[0];
const states: Record<MandateState, [Parameters<Translate>[0], TagTone]> = {
  requested: ['stateRequested', 'info'],
  proposed: ['stateProposed', 'info'],
  active: ['stateActive', 'success'],
  declined: ['stateDeclined', 'neutral'],
  revoked: ['stateRevoked', 'danger'],
  given_up: ['stateGivenUp', 'neutral'],
};

export interface MandateRow {
  mandate: Mandate;
  /** Not all the principal's signatures are in yet (an organisation with joint signature). */
  awaitingSignatures: boolean;
  /** The viewer may add their signature. */
  canCosign: boolean;
  /** The other side: the agent for given mandates, the principal for received ones. */
  counterpart: string;
  /** Given to someone who has not logged in yet: the family name it waits for. */
  awaitedName?: string;
}

function ActionButton(props: { mandateId: string; action: string; label: string; context: string }) {
  return (
    <form method="post" action={`/mandates/${props.mandateId}/${props.action}`} class="inline-form">
      <CsrfField />
      <button type="submit" class="button button--secondary">
        {props.label}
        <span class="visually-hidden"> {props.context}</span>
      </button>
    </form>
  );
}

function MandateTable(props: {
  t: Translate;
  locale: Locale;
  caption: string;
  rows: MandateRow[];
  actions: (row: MandateRow) => Child;
}) {
  const { t } = props;
  if (props.rows.length === 0) return <p>{t('none')}</p>;
  return (
    <Table
      caption={props.caption}
      head={[t('person'), t('themes'), t('permissions'), t('until'), t('state'), t('actions')]}
      rows={props.rows.map((row) => {
        const [stateKey, tone] = states[row.mandate.state];
        return [
          row.counterpart,
          row.mandate.themes.map((th) => t(themeKey(th))).join(', '),
          row.mandate.permissions.map((p) => t(permissionKey(p))).join(', '),
          row.mandate.valid_to
            ? formatShortDate(props.locale, new Date(`${row.mandate.valid_to}T12:00:00Z`))
            : t('open'),
          row.awaitingSignatures ? (
            <Tag tone="warning">{t('awaitingSignatures')}</Tag>
          ) : row.awaitedName !== undefined && row.mandate.state === 'proposed' ? (
            <Tag tone="info">{t('awaitingLogin', { name: row.awaitedName })}</Tag>
          ) : (
            <Tag tone={tone}>{t(stateKey)}</Tag>
          ),
          props.actions(row),
        ];
      })}
    />
  );
}

export function MandatesPage(props: {
  locale: Locale;
  accountName: string;
  canGrant: boolean;
  given: MandateRow[] | undefined;
  received: MandateRow[];
  errors: FieldError[];
  values: Record<string, string | string[]>;
  granted: 'proposed' | 'awaited' | undefined;
}) {
  const t = mandateMessages.translator(props.locale);
  const checked = (name: string, value: string) => {
    const v = props.values[name];
    return Array.isArray(v) ? v.includes(value) : v === value;
  };
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  return (
    <>
      {props.granted && (
        <NotificationBanner kind="success">
          {t(props.granted === 'awaited' ? 'grantedAwaited' : 'granted')}
        </NotificationBanner>
      )}
      <ErrorSummary errors={props.errors} />
      <h1>{t('mandatesTitle')}</h1>
      <p>{t('mandatesLead')}</p>
      <h2>{t('receivedTitle')}</h2>
      <MandateTable
        t={t}
        locale={props.locale}
        caption={t('receivedTitle')}
        rows={props.received}
        actions={(row) =>
          row.mandate.state === 'proposed' && !row.awaitingSignatures ? (
            <>
              <ActionButton
                mandateId={row.mandate.id}
                action="accept"
                label={t('accept')}
                context={row.counterpart}
              />
              <ActionButton
                mandateId={row.mandate.id}
                action="decline"
                label={t('decline')}
                context={row.counterpart}
              />
            </>
          ) : row.mandate.state === 'active' ? (
            <ActionButton
              mandateId={row.mandate.id}
              action="give-up"
              label={t('giveUp')}
              context={row.counterpart}
            />
          ) : null
        }
      />
      {props.given && (
        <>
          <h2>{t('givenTitle', { account: props.accountName })}</h2>
          <MandateTable
            t={t}
            locale={props.locale}
            caption={t('givenTitle', { account: props.accountName })}
            rows={props.given}
            actions={(row) => (
              // Spaced apart, so that each is a target of its own (WCAG 2.5.8).
              <div class="button-group">
                <a href={`/accounts/access-log?mandate=${row.mandate.id}`}>
                  {t('activityLog')}
                  <span class="visually-hidden"> {row.counterpart}</span>
                </a>
                {['active', 'proposed', 'requested'].includes(row.mandate.state) ? (
                  <>
                    {row.canCosign && (
                      <ActionButton
                        mandateId={row.mandate.id}
                        action="cosign"
                        label={t('cosign')}
                        context={row.counterpart}
                      />
                    )}
                    <a class="button button--secondary" href={`/mandates/${row.mandate.id}/revoke`}>
                      {t('revoke')}
                      <span class="visually-hidden"> {row.counterpart}</span>
                    </a>
                  </>
                ) : null}
              </div>
            )}
          />
          <h2 id="grant" tabindex={-1}>
            {t('grantTitle')}
          </h2>
          {props.canGrant ? (
            <form method="post" action="/mandates" novalidate>
              <CsrfField />
              <fieldset class="fieldset" id="agentKind">
                <legend class="fieldset__legend">{t('agentKindLegend')}</legend>
                {(['person', 'organisation'] as const).map((kind) => (
                  <div class="choice">
                    <input
                      type="radio"
                      id={`agentKind-${kind}`}
                      name="agentKind"
                      value={kind}
                      checked={
                        kind === 'person' ? !checked('agentKind', 'organisation') : checked('agentKind', kind)
                      }
                    />
                    <label for={`agentKind-${kind}`}>
                      {t(kind === 'person' ? 'agentKindPerson' : 'agentKindOrganisation')}
                    </label>
                  </div>
                ))}
              </fieldset>
              <TextInput
                name="avs"
                label={t('agentAvs')}
                hint={t('agentAvsHint')}
                inputmode="numeric"
                value={String(props.values.avs ?? '')}
                error={error('avs')}
              />
              <TextInput
                name="familyName"
                label={t('agentFamilyName')}
                autocomplete="off"
                value={String(props.values.familyName ?? '')}
                error={error('familyName')}
              />
              <TextInput
                name="uid"
                label={t('agentUid')}
                hint={t('agentUidHint')}
                autocomplete="off"
                value={String(props.values.uid ?? '')}
                error={error('uid')}
              />
              <fieldset class="fieldset" id="themes">
                <legend class="fieldset__legend">{t('themesLegend')}</legend>
                {error('themes') && <p class="field__error">{error('themes')}</p>}
                {mandateThemes.map((theme) => (
                  <div class="choice">
                    <input
                      type="checkbox"
                      id={`theme-${theme}`}
                      name="themes"
                      value={theme}
                      checked={checked('themes', theme)}
                    />
                    <label for={`theme-${theme}`}>{t(themeKey(theme))}</label>
                  </div>
                ))}
              </fieldset>
              <fieldset class="fieldset" id="permissions">
                <legend class="fieldset__legend">{t('permissionsLegend')}</legend>
                {error('permissions') && <p class="field__error">{error('permissions')}</p>}
                {mandatePermissions.map((permission) => (
                  <div class="choice">
                    <input
                      type="checkbox"
                      id={`permission-${permission}`}
                      name="permissions"
                      value={permission}
                      checked={checked('permissions', permission)}
                    />
                    <label for={`permission-${permission}`}>{t(permissionKey(permission))}</label>
                  </div>
                ))}
              </fieldset>
              <TextInput
                name="validTo"
                label={t('validTo')}
                hint={t('validToHint')}
                value={String(props.values.validTo ?? '')}
                error={error('validTo')}
              />
              <div class="choice">
                <input
                  type="checkbox"
                  id="mayDelegate"
                  name="mayDelegate"
                  value="yes"
                  checked={checked('mayDelegate', 'yes')}
                />
                <label for="mayDelegate">{t('mayDelegate')}</label>
              </div>
              <Button>{t('grantSubmit')}</Button>
            </form>
          ) : null}
        </>
      )}
    </>
  );
}
