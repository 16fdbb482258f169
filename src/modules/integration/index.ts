export { apiClientFromHeader, createApiClient } from './api-clients.ts';
export { deliveryStateOf } from './webhooks/delivery-log.ts';
export { createEndpoint, type Endpoint, listEndpoints } from './webhooks/endpoints.ts';
