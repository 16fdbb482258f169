export { allowInOwnAuthority } from './allow-in-own-authority.ts';
export {
  type ApiKeyMode,
  createApiClient,
  getApiClient,
  listApiClients,
  parseScopes,
  revokeApiClient,
  rotateApiKey,
} from './api-clients.ts';
export { apiClientFromHeader } from './api-key-auth.ts';
export { apiClientFromToken, createTokenClient } from './token-clients.ts';
export { deliveryStateOf } from './webhooks/delivery-log.ts';
export { createEndpoint, type Endpoint, listEndpoints } from './webhooks/endpoints.ts';
