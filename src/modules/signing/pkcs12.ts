import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { der, parseDer } from './asn1.ts';
import type { IssuedKey } from './local-ca.ts';

const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

// Parsed files by path, kept while the file is unchanged: replacing it is how a seal is rotated.
const parsed = new Map<string, { modified: number; key: IssuedKey }>();

type Decryptable = { parseInternalValues(parameters: { password: ArrayBuffer }): Promise<void> };

/** `<directory>/<slug>.p12`'s seal key and certificate, or null when the authority has no file. */
export async function loadPkcs12(
  directory: string,
  slug: string,
  password: string,
): Promise<IssuedKey | null> {
  const file = path.join(directory, `${slug}.p12`);
  const modified = await stat(file).then(
    (s) => s.mtimeMs,
    () => null,
  );
  if (modified === null) return null;
  const known = parsed.get(file);
  if (known?.modified === modified) return known.key;
  const key = await parsePkcs12(new Uint8Array(await readFile(file)), password).catch((error: Error) => {
    throw new Error(`${file}: ${error.message}`);
  });
  parsed.set(file, { modified, key });
  return key;
}

/** The private key of a PKCS#12 and the certificate of that key (a file may hold the chain too). */
export async function parsePkcs12(bytes: Uint8Array, password: string): Promise<IssuedKey> {
  const secret = new TextEncoder().encode(password).buffer as ArrayBuffer;
  const pfx = parseDer(bytes, (schema) => new pkijs.PFX({ schema }));
  await pfx.parseInternalValues({ password: secret, checkIntegrity: true });
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new Error('not a password-protected PKCS#12');
  await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: secret })) });
  const keys: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  for (const contents of safe.parsedValue?.safeContents ?? [])
    for (const bag of contents.value.safeBags) {
      if (bag.bagId === SHROUDED_KEY_BAG) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        // Public in pkijs' code and examples, marked protected in its types by mistake.
        await (shrouded as unknown as Decryptable).parseInternalValues({ password: secret });
        if (shrouded.parsedValue) keys.push(der(shrouded.parsedValue.toSchema()));
      } else if (bag.bagId === KEY_BAG) keys.push(der((bag.bagValue as pkijs.PrivateKeyInfo).toSchema()));
      else if (bag.bagId === CERT_BAG) {
        const value = (bag.bagValue as pkijs.CertBag).parsedValue;
        if (value instanceof pkijs.Certificate) certificates.push(der(value.toSchema()));
      }
    }
  const [pkcs8] = keys;
  if (!pkcs8 || keys.length > 1) throw new Error('a seal PKCS#12 holds exactly one private key');
  const publicKey = createPublicKey(
    createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
  );
  // The seal signs ES256 (the QR code's COSE signature too): P-256 keys only.
  if (publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new Error('the seal key must be ECDSA P-256');
  const certificate = certificates.find((c) => new X509Certificate(c).publicKey.equals(publicKey));
  if (!certificate) throw new Error('no certificate of its private key');
  return { certificate, pkcs8 };
}
