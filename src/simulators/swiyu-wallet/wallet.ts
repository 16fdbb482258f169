import { setGlobalConfig } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { digest, ES256, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import {
  didJwkOf,
  openid4vcCallbacks,
  type PrivateJwk,
  publicJwkOf,
  publicJwkOfDid,
  signerOf,
  verifyJwt,
} from '../../platform/crypto/verifiable-credentials.ts';
import {
  eidStatusListPath,
  eidVct,
  takeEidStatusIndex,
  testEidIssuerDid,
  testEidIssuerKey,
} from './eid-issuer.ts';

type DisclosureFrame = NonNullable<Parameters<SDJwtVcInstance['issue']>[1]>;
type PresentationFrame = NonNullable<Parameters<SDJwtVcInstance['present']>[1]>;

// The demo and tests serve Guichet over plain http on this machine; the real wallet insists on https.
setGlobalConfig({ allowInsecureUrls: true });

/** The e-ID's claims, named as the federal e-ID names them. */
export interface EidClaims {
  given_name: string;
  family_name: string;
  birth_date: string;
  personal_administrative_number?: string;
  nationality?: string;
  place_of_origin?: string;
}

/** Ways a test makes the wallet misbehave, each of which the verifier must refuse. */
export interface PresentOptions {
  decline?: boolean;
  /** Swap a disclosure for one the issuer never signed. */
  tamper?: boolean;
  /** Bind the presentation to another nonce than the request's. */
  nonce?: string;
}

interface RequestObject {
  client_id: string;
  response_uri: string;
  nonce: string;
  dcql_query: {
    credentials: Array<{ id: string; meta?: { vct_values?: string[] }; claims?: Array<{ path: string[] }> }>;
  };
}

/**
 * A stand-in for the swiyu wallet app, driven by tests (and the demo's wallet page) from a deep link:
 * it holds SD-JWT VCs bound to its own key, answers an OpenID4VP request object (`swiyu-verify://`)
 * with a key-bound presentation of only the asked claims, and takes credential offers (`swiyu://`) by
 * the pre-authorised code flow with a proof of possession.
 */
export class SimulatedWallet {
  readonly credentials: string[] = [];
  /** The e-ID's entry in the test issuer's status list, to revoke it in a test. */
  eidStatusIndex: number | undefined;

  private constructor(
    private readonly holderKey: PrivateJwk,
    private readonly baseUrl: string,
  ) {}

  /** A wallet with a fresh holder key; `baseUrl` is where Guichet (and the simulators) are served. */
  static async create(baseUrl: string): Promise<SimulatedWallet> {
    const { privateKey } = await ES256.generateKeyPair();
    return new SimulatedWallet(privateKey as PrivateJwk, baseUrl);
  }

  /** Receives an e-ID from the test issuer, or, with `untrusted`, from a key nobody accepts. */
  async receiveEid(claims: EidClaims, options: { untrusted?: boolean } = {}): Promise<void> {
    const key = options.untrusted
      ? ((await ES256.generateKeyPair()).privateKey as PrivateJwk)
      : testEidIssuerKey;
    const issuer = options.untrusted ? didJwkOf(key) : testEidIssuerDid;
    this.eidStatusIndex = takeEidStatusIndex();
    const sdjwt = new SDJwtVcInstance({
      signer: await signerOf(key),
      signAlg: 'ES256',
      hasher: digest,
      saltGenerator: generateSalt,
    });
    const payload = {
      iss: issuer,
      iat: Math.floor(Date.now() / 1000),
      vct: eidVct,
      cnf: { jwk: publicJwkOf(this.holderKey) },
      status: { status_list: { idx: this.eidStatusIndex, uri: `${this.baseUrl}${eidStatusListPath}` } },
      ...claims,
    };
    this.credentials.push(
      await sdjwt.issue<SdJwtVcPayload>(payload, { _sd: Object.keys(claims) } as unknown as DisclosureFrame, {
        header: { typ: 'dc+sd-jwt', kid: `${issuer}#0` },
      }),
    );
  }

  /** Reads a verifier's request (`swiyu-verify://?client_id=…&request_uri=…`), checking its signature. */
  async readRequest(deepLink: string): Promise<RequestObject> {
    const link = new URL(deepLink);
    const requestUri = link.searchParams.get('request_uri');
    const clientId = link.searchParams.get('client_id') ?? '';
    if (!requestUri) throw new Error('The deep link names no request_uri');
    const response = await fetch(requestUri, { headers: { Accept: 'application/oauth-authz-req+jwt' } });
    if (!response.ok) throw new Error(`The request object answered ${response.status}`);
    const verifierJwk = publicJwkOfDid(clientId.replace(/^decentralized_identifier:/, ''));
    if (!verifierJwk) throw new Error('The verifier is not identified by a resolvable DID');
    const { payload } = await verifyJwt(await response.text(), verifierJwk);
    if (payload.client_id !== clientId) throw new Error('The request object is for another client');
    return payload as unknown as RequestObject;
  }

  /** The claims a request asks for, as the wallet shows them to the holder before they agree. */
  async askedClaims(deepLink: string): Promise<string[]> {
    const request = await this.readRequest(deepLink);
    return (request.dcql_query.credentials[0]?.claims ?? []).map((claim) => String(claim.path[0]));
  }

  /** Answers a verifier's request; the verifier's HTTP answer is returned as is. */
  async present(deepLink: string, options: PresentOptions = {}): Promise<Response> {
    const request = await this.readRequest(deepLink);
    if (options.decline)
      return post(request.response_uri, { error: 'access_denied', error_description: 'The holder declined' });
    const query = request.dcql_query.credentials[0];
    if (!query) throw new Error('The request asks for no credential');
    const sdjwt = new SDJwtVcInstance({
      hasher: digest,
      kbSigner: await signerOf(this.holderKey),
      kbSignAlg: 'ES256',
      saltGenerator: generateSalt,
    });
    const credential = await this.matching(sdjwt, query.meta?.vct_values);
    const frame = Object.fromEntries((query.claims ?? []).map((c) => [String(c.path[0]), true]));
    let presentation = await sdjwt.present(credential, frame as PresentationFrame, {
      kb: {
        payload: {
          iat: Math.floor(Date.now() / 1000),
          aud: request.client_id,
          nonce: options.nonce ?? request.nonce,
        },
      },
    });
    if (options.tamper) presentation = await tamper(sdjwt, presentation);
    return post(request.response_uri, { vp_token: JSON.stringify({ [query.id]: [presentation] }) });
  }

  /** Takes a credential offer (`swiyu://?credential_offer=…`): token, nonce, proof, credential. */
  async acceptOffer(offerDeepLink: string): Promise<string> {
    const client = new Openid4vciClient({ callbacks: openid4vcCallbacks([this.holderKey]) });
    const offer = await client.resolveCredentialOffer(offerDeepLink);
    const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata,
    });
    const credentialConfigurationId = offer.credential_configuration_ids[0] ?? '';
    const { c_nonce } = await client.requestNonce({ issuerMetadata });
    const { jwt } = await client.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId,
      signer: { method: 'jwk', alg: 'ES256', publicJwk: publicJwkOf(this.holderKey) },
      nonce: c_nonce,
    });
    const { credentialResponse } = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId,
      proofs: { jwt: [jwt] },
    });
    const first = credentialResponse.credentials?.[0];
    const credential =
      typeof first === 'object' && first && 'credential' in first ? first.credential : undefined;
    if (typeof credential !== 'string') throw new Error('The issuer returned no SD-JWT VC');
    this.credentials.push(credential);
    return credential;
  }

  private async matching(sdjwt: SDJwtVcInstance, vctValues: string[] | undefined): Promise<string> {
    for (const credential of [...this.credentials].reverse()) {
      const decoded = await sdjwt.decode(credential);
      const vct = decoded.jwt?.payload?.vct;
      if (!vctValues || (typeof vct === 'string' && vctValues.includes(vct))) return credential;
    }
    throw new Error('The wallet holds no credential of the asked type');
  }
}

/** Replaces the first disclosure by one with another value, as a forger would: its digest is not signed. */
async function tamper(sdjwt: SDJwtVcInstance, presentation: string): Promise<string> {
  const decoded = await sdjwt.decode(presentation);
  const first = decoded.disclosures?.[0];
  if (!first) throw new Error('Nothing disclosed to tamper with');
  const forged = await new SDJwtVcInstance({
    hasher: digest,
    saltGenerator: generateSalt,
    signer: await signerOf(testEidIssuerKey),
    signAlg: 'ES256',
  }).issue<SdJwtVcPayload>({ vct: 'x', [first.key ?? 'claim']: 'Forged' }, {
    _sd: [first.key ?? 'claim'],
  } as unknown as DisclosureFrame);
  const forgedDisclosure = (await sdjwt.decode(forged)).disclosures?.[0];
  if (!forgedDisclosure) throw new Error('No forged disclosure');
  return presentation.replace(first.encode(), forgedDisclosure.encode());
}

function post(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}
