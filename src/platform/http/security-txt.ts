import type { Config } from '../config/config.ts';

/** How long a served security.txt stays valid: RFC 9116 asks for less than a year. */
const validDays = 180;

/**
 * `/.well-known/security.txt` (RFC 9116): where to report a vulnerability, until when this holds, in
 * which languages, and the coordinated disclosure policy (the `/security` page, SECURITY.md's terms).
 */
export function securityTxt(config: Pick<Config, 'publicUrl' | 'securityContact'>, now: Date): string {
  const expires = new Date(now.getTime() + validDays * 86_400_000);
  expires.setUTCHours(0, 0, 0, 0);
  return [
    `Contact: ${config.securityContact}`,
    `Expires: ${expires.toISOString()}`,
    'Preferred-Languages: fr, de, en',
    `Canonical: ${config.publicUrl}/.well-known/security.txt`,
    `Policy: ${config.publicUrl}/security`,
    '',
  ].join('\n');
}
