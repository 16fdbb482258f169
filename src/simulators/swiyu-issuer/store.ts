import { randomBytes, randomUUID } from 'node:crypto';
import { StatusList } from '@sd-jwt/jwt-status-list';

/** The states of the issuer's management API (`CredentialStatusType`). */
export type CredentialStatus =
  | 'INIT'
  | 'OFFERED'
  | 'CANCELLED'
  | 'IN_PROGRESS'
  | 'DEFERRED'
  | 'READY'
  | 'ISSUED'
  | 'SUSPENDED'
  | 'REVOKED'
  | 'REQUESTED'
  | 'EXPIRED';

export interface CredentialOffer {
  managementId: string;
  offerId: string;
  configurationId: string;
  subjectData: Record<string, unknown>;
  preAuthorizedCode: string;
  accessToken: string | undefined;
  status: CredentialStatus;
  statusIndex: number;
  offerExpiresAt: number;
  validUntil: string | undefined;
}

/**
 * The simulator keeps its offers in memory: like the TSA and SMS simulators it stands in for a service
 * elsewhere, and a demo restart only forgets offers not yet taken (credentials taken stay in the wallet,
 * their status list starts empty again).
 */
const offers = new Map<string, CredentialOffer>();
/** Two bits per entry as swiyu does: 0 valid, 1 revoked, 2 suspended. */
export const statusListId = randomUUID();
export const statusList = new StatusList(new Array<number>(4096).fill(0), 2);
let nextIndex = Math.floor(Math.random() * 1000);

export function createOffer(
  input: Pick<CredentialOffer, 'configurationId' | 'subjectData' | 'validUntil'> & {
    validitySeconds: number;
  },
): CredentialOffer {
  const offer: CredentialOffer = {
    managementId: randomUUID(),
    offerId: randomUUID(),
    configurationId: input.configurationId,
    subjectData: input.subjectData,
    preAuthorizedCode: randomBytes(24).toString('base64url'),
    accessToken: undefined,
    status: 'OFFERED',
    statusIndex: nextIndex++ % 4096,
    offerExpiresAt: Date.now() + input.validitySeconds * 1000,
    validUntil: input.validUntil,
  };
  offers.set(offer.managementId, offer);
  return offer;
}

export const offerById = (managementId: string) => offers.get(managementId);
export const offerByCode = (code: string) => [...offers.values()].find((o) => o.preAuthorizedCode === code);
export const offerByToken = (token: string) => [...offers.values()].find((o) => o.accessToken === token);

/** Nonces handed out by the nonce endpoint, good for five minutes, each for one proof. */
const nonces = new Map<string, number>();
export function newNonce(): string {
  const nonce = randomBytes(16).toString('base64url');
  nonces.set(nonce, Date.now() + 300_000);
  return nonce;
}
export function takeNonce(nonce: string): boolean {
  const until = nonces.get(nonce);
  nonces.delete(nonce);
  return until !== undefined && until > Date.now();
}
