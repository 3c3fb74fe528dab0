import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.js';
import type { Secrets } from '../../config/secrets.js';
import type { Database } from '../../platform/db/schema.js';
import type { Logger } from '../../platform/logging/logger.js';
import { UpstreamError, type ModelGateway } from './upstream.types.js';

export interface ModelGatewayDeps {
  db: Kysely<Database>;
  config: Config;
  secrets: Secrets;
  logger: Logger;
}

// STUB (being written): the real gateway replaces this.
export function createModelGateway(_deps: ModelGatewayDeps): ModelGateway {
  return {
    listModels: () => Promise.resolve([]),
    // eslint-disable-next-line require-yield
    async *streamChat() {
      throw new UpstreamError('upstream_unavailable', 'not built yet');
    },
    embed: () => Promise.reject(new UpstreamError('upstream_unavailable', 'not built yet')),
    refresh: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
