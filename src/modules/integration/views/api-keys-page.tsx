import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { apiScopes } from '../../policy/index.ts';
import type { listApiClients } from '../api-clients.ts';
import { integrationMessages } from '../messages.ts';

type Client = Awaited<ReturnType<typeof listApiClients>>[number];
export interface NewKeyForm {
  name: string;
  scopes: string[];
  mode: string;
  expires: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10).split('-').reverse().join('.');

/** An authority's applications and their keys, and the form that makes a new one. */
export function ApiKeysPage(props: {
  locale: Locale;
  base: string;
  clients: Client[];
  errors: FieldError[];
  kept?: NewKeyForm;
}) {
  const t = integrationMessages.translator(props.locale);
  const kept = props.kept ?? { name: '', scopes: [], mode: 'live', expires: '' };
  const errorOf = (field: string) => props.errors.find((e) => e.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{t('keysTitle')}</h1>
      <p>{t('keysIntro')}</p>
      {props.clients.length === 0 ? (
        <p>{t('keysNone')}</p>
      ) : (
        <Table
          caption={t('keysCaption')}
          head={[t('keyApplication'), t('keyScopes'), t('keyMode'), t('keyKeys'), t('keyActions')]}
          rows={props.clients.map((client) => [
            <>
              {client.name} {client.revoked_at && <Tag tone="danger">{t('keyRevoked')}</Tag>}
            </>,
            client.scopes.join(', '),
            client.mode,
            <ul>
              {client.keys.map((key) => (
                <li>
                  <code>{key.hint}</code>{' '}
                  {key.expires_at ? t('keyExpires', { date: day(key.expires_at) }) : ''}{' '}
                  {key.last_used_at ? t('keyLastUsed', { date: day(key.last_used_at) }) : t('keyNeverUsed')}
                </li>
              ))}
            </ul>,
            client.revoked_at ? (
              ''
            ) : (
              <>
                <form method="post" action={`${props.base}/${client.id}/rotate`}>
                  <CsrfField />
                  <Button variant="secondary">{t('rotateKey')}</Button>
                </form>
                <form method="post" action={`${props.base}/${client.id}/revoke`}>
                  <CsrfField />
                  <Button variant="secondary">{t('revokeKey')}</Button>
                </form>
              </>
            ),
          ])}
        />
      )}
      <h2>{t('newKeyTitle')}</h2>
      <form method="post" action={props.base} novalidate>
        <CsrfField />
        <TextInput
          name="name"
          label={t('newKeyName')}
          hint={t('newKeyNameHint')}
          value={kept.name}
          error={errorOf('name')}
        />
        <fieldset class={errorOf('scopes') ? 'field field--error' : 'field'} id="scopes">
          <legend class="field__label">{t('newKeyScopes')}</legend>
          {errorOf('scopes') && <p class="field__error">{errorOf('scopes')}</p>}
          {apiScopes.map((scope) => (
            <div>
              <input
                type="checkbox"
                id={`scope-${scope}`}
                name="scopes"
                value={scope}
                checked={kept.scopes.includes(scope)}
              />{' '}
              <label for={`scope-${scope}`}>
                <code>{scope}</code>
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend class="field__label">{t('newKeyMode')}</legend>
          {(['live', 'test'] as const).map((mode) => (
            <div>
              <input type="radio" id={`mode-${mode}`} name="mode" value={mode} checked={kept.mode === mode} />{' '}
              <label for={`mode-${mode}`}>{t(mode === 'live' ? 'modeLive' : 'modeTest')}</label>
            </div>
          ))}
        </fieldset>
        <TextInput
          name="expires"
          label={t('newKeyExpires')}
          hint={t('newKeyExpiresHint')}
          value={kept.expires}
          error={errorOf('expires')}
        />
        <Button>{t('createKey')}</Button>
      </form>
    </>
  );
}

/** The new key, shown once. */
export function NewKeyPage(props: { locale: Locale; base: string; name: string; keyValue: string }) {
  const t = integrationMessages.translator(props.locale);
  return (
    <>
      <h1>{t('keyCreated', { name: props.name })}</h1>
      <p>{t('keyShownOnce')}</p>
      <p>
        <code>{props.keyValue}</code>
      </p>
      <p>
        <a href={props.base}>{t('backToKeys')}</a>
      </p>
    </>
  );
}
