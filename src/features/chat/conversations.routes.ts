import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ChatPluginOptions } from '../chat/chat-plugin-options.js';

// STUB (being written).
export const conversationRoutes: FastifyPluginAsyncTypebox<ChatPluginOptions> = async () => {};
