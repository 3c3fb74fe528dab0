import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccountServices } from '../auth/account-services.js';

// Placeholder: filled in by the work on this feature.
export const auditRoutes: FastifyPluginAsyncTypebox<{ services: AccountServices }> = async () => {};
