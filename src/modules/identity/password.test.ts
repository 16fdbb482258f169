import { describe, expect, it } from 'vitest';
import { checkNewPassword, hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });
});

describe('new password rules', () => {
  it('asks for length, not composition', () => {
    expect(checkNewPassword('short pass', 'a@b.ch')).toBe('tooShort');
    expect(checkNewPassword('all lowercase words here', 'a@b.ch')).toBeUndefined();
    expect(checkNewPassword('x'.repeat(129), 'a@b.ch')).toBe('tooLong');
    expect(checkNewPassword('Motdepasse123', 'a@b.ch')).toBe('common');
    expect(checkNewPassword('sophie.rochat 2026!', 'sophie.rochat@example.ch')).toBe('containsEmail');
    expect(checkNewPassword('été à Sion ✓✓✓', 'a@b.ch')).toBeUndefined();
  });
});
