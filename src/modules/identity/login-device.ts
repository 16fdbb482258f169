import { randomBytes } from 'node:crypto';
import { getCookie, setCookie } from 'hono/cookie';
import { mac, type PurposeKey, type Secrets, sameText } from '../../platform/crypto/secrets.ts';
import type { RouteContext } from '../../platform/http/route.ts';

/**
 * A device cookie (OWASP's answer to lock-outs): a browser where someone logged in with e-mail and
 * password keeps a signed list of those accounts, so that their password is not slowed down however
 * many failures strangers cause on the same e-mail. Accounts are named by a keyed hash of their
 * e-mail: the cookie tells nobody whose it is.
 */
const maxAccounts = 5;
const yearSeconds = 31_536_000;

function cookieName(secure: boolean): string {
  return secure ? '__Host-guichet-device' : 'guichet_device';
}

function accountTag(key: PurposeKey, email: string): string {
  return mac(key, `login-device-account:${email.trim().toLowerCase()}`).slice(0, 16);
}

interface Device {
  id: string;
  accounts: string[];
  /** The key it was signed with: its account tags were made with it too. */
  key: PurposeKey;
}

function readDevice(c: RouteContext, secrets: Secrets, secure: boolean): Device | undefined {
  const [id, accounts, signature] = (getCookie(c, cookieName(secure)) ?? '').split('.');
  if (!id || accounts === undefined || !signature) return undefined;
  // A cookie signed just before a rotation still counts.
  const key = secrets
    .accepted('login-devices')
    .find((candidate) => sameText(mac(candidate, `login-device:${id}.${accounts}`), signature));
  return key ? { id, accounts: accounts ? accounts.split('~') : [], key } : undefined;
}

/** This browser's id when the account of `email` logged in on it before, else undefined. */
export function knownDevice(
  c: RouteContext,
  secrets: Secrets,
  secure: boolean,
  email: string,
): string | undefined {
  const device = readDevice(c, secrets, secure);
  return device?.accounts.includes(accountTag(device.key, email)) ? device.id : undefined;
}

/** After a successful login: this browser now knows the account (the most recent few are kept). */
export function rememberDevice(c: RouteContext, secrets: Secrets, secure: boolean, email: string): void {
  const key = secrets.current('login-devices');
  const device = readDevice(c, secrets, secure);
  // Tags made with a key since rotated are dropped: those accounts are remembered at their next login.
  const known = device?.key.id === key.id ? device.accounts : [];
  const id = device?.id ?? randomBytes(16).toString('base64url');
  const tag = accountTag(key, email);
  const accounts = [tag, ...known.filter((k) => k !== tag)].slice(0, maxAccounts).join('~');
  setCookie(c, cookieName(secure), `${id}.${accounts}.${mac(key, `login-device:${id}.${accounts}`)}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: yearSeconds,
  });
}
