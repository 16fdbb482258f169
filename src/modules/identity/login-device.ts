import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { getCookie, setCookie } from 'hono/cookie';
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

const mac = (secret: string, data: string) =>
  createHmac('sha256', secret).update(`login-device:${data}`).digest('base64url');

function accountTag(secret: string, email: string): string {
  return createHmac('sha256', secret)
    .update(`login-device-account:${email.trim().toLowerCase()}`)
    .digest('base64url')
    .slice(0, 16);
}

interface Device {
  id: string;
  accounts: string[];
}

function readDevice(c: RouteContext, secret: string, secure: boolean): Device | undefined {
  const [id, accounts, signature] = (getCookie(c, cookieName(secure)) ?? '').split('.');
  if (!id || accounts === undefined || !signature) return undefined;
  const expected = Buffer.from(mac(secret, `${id}.${accounts}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return { id, accounts: accounts ? accounts.split('~') : [] };
}

/** This browser's id when the account of `email` logged in on it before, else undefined. */
export function knownDevice(
  c: RouteContext,
  secret: string,
  secure: boolean,
  email: string,
): string | undefined {
  const device = readDevice(c, secret, secure);
  return device?.accounts.includes(accountTag(secret, email)) ? device.id : undefined;
}

/** After a successful login: this browser now knows the account (the most recent few are kept). */
export function rememberDevice(c: RouteContext, secret: string, secure: boolean, email: string): void {
  const device = readDevice(c, secret, secure) ?? { id: randomBytes(16).toString('base64url'), accounts: [] };
  const tag = accountTag(secret, email);
  const accounts = [tag, ...device.accounts.filter((known) => known !== tag)].slice(0, maxAccounts).join('~');
  setCookie(c, cookieName(secure), `${device.id}.${accounts}.${mac(secret, `${device.id}.${accounts}`)}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: yearSeconds,
  });
}
