import type { Config } from '../../config/config.js';
import type { AccountServices } from '../auth/account-services.js';
import type { ModelGateway } from '../models/upstream.types.js';
import type { ChatServices } from './chat-services.js';

/** What the chat, models and OpenAI-compatible plugins are given by `buildApp`. */
export interface ChatPluginOptions {
  services: AccountServices;
  config: Config;
  gateway: ModelGateway;
  chat: ChatServices;
}
