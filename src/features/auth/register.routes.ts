import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccountServices } from './account-services.js';

// Placeholder: filled in by the work on this feature.
export const registerRoutes: FastifyPluginAsyncTypebox<{
  services: AccountServices;
}> = async () => {};
