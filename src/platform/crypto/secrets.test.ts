import { describe, expect, it } from 'vitest';
import { Session } from '../http/session.ts';
import { deriveSecrets, secretPurposes } from './secrets.ts';

const root = 'the root secret of this test, long enough';

describe('secrets derived per purpose', () => {
  it('gives each purpose its own key, the same on every instance', () => {
    const secrets = deriveSecrets(root);
    const keys = secretPurposes.map((purpose) => secrets.current(purpose).key.toString('hex'));
    expect(new Set(keys).size).toBe(secretPurposes.length);
    expect(deriveSecrets(root).current('csrf').key.equals(secrets.current('csrf').key)).toBe(true);
    expect(deriveSecrets('another root').current('csrf').key.equals(secrets.current('csrf').key)).toBe(false);
    expect(secrets.current('csrf').id).toBe('v1');
  });

  it('rotates one purpose without touching the others', () => {
    const before = deriveSecrets(root);
    const after = deriveSecrets(root, { webhooks: 2 });
    expect(after.current('webhooks').id).toBe('v2');
    expect(after.current('webhooks').key.equals(before.current('webhooks').key)).toBe(false);
    for (const purpose of secretPurposes.filter((p) => p !== 'webhooks'))
      expect(after.current(purpose).key.equals(before.current(purpose).key)).toBe(true);
  });

  it('still accepts the generation before the current one, and no older', () => {
    const secrets = deriveSecrets(root, { csrf: 3 });
    expect(secrets.accepted('csrf').map((k) => k.id)).toEqual(['v3', 'v2']);
    expect(
      secrets.accepted('csrf')[1]?.key.equals(deriveSecrets(root, { csrf: 2 }).current('csrf').key),
    ).toBe(true);
    expect(
      deriveSecrets(root)
        .accepted('csrf')
        .map((k) => k.id),
    ).toEqual(['v1']);
  });

  it('keeps the forms open during a CSRF key rotation working, and names the key in the token', () => {
    const session = Session.fresh(new Date());
    const token = session.csrfToken(deriveSecrets(root));
    expect(token).toMatch(/^v1\./);
    expect(session.verifyCsrfToken(deriveSecrets(root, { webhooks: 5 }), token)).toBe(true);
    expect(session.verifyCsrfToken(deriveSecrets(root, { csrf: 2 }), token)).toBe(true);
    expect(session.verifyCsrfToken(deriveSecrets(root, { csrf: 3 }), token)).toBe(false);
    expect(session.verifyCsrfToken(deriveSecrets(root), token.replace(/^v1\./, 'v2.'))).toBe(false);
  });
});
