export { apiClientFromHeader, createApiClient } from './api-clients.ts';
