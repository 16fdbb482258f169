export {
  type ApiKeyMode,
  createApiClient,
  listApiClients,
  parseScopes,
  revokeApiClient,
  rotateApiKey,
} from './api-clients.ts';
export { apiClientFromHeader } from './api-key-auth.ts';
export { deliveryStateOf } from './webhooks/delivery-log.ts';
export { createEndpoint, type Endpoint, listEndpoints } from './webhooks/endpoints.ts';
