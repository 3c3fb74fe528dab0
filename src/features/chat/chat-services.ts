import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { EventHub } from '../../platform/events/event-hub.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { ModelGateway } from '../models/upstream.types.js';
import type { EventStream } from './event-stream.js';
import type { GenerationEvent } from './generations/generation-events.js';
import { Generations } from './generations/generations.js';
import { LiveText } from './generations/live-text.js';
import { RunnerRegistry } from './generations/runner-registry.js';
import { StreamingTextWriter } from './generations/streaming-text-writer.js';

/** How often streaming text is written to the database (the contract allows at most 1 s). */
const STREAM_WRITE_INTERVAL_MS = 500;

export interface ChatServices {
  generations: Generations;
  hub: EventHub<GenerationEvent>;
  registry: RunnerRegistry;
  instanceId: string;
  /** Event streams open on this instance, ended when it shuts down. */
  streams: Set<EventStream>;
  close(): Promise<void>;
}

/**
 * The running parts of chat: the event hub (across instances with Redis), the generations of
 * this instance, the batch writer of their text and the registry that interrupts the
 * generations of instances that stopped. Opening it interrupts this deployment's leftovers.
 */
export async function openChatServices(options: {
  db: Kysely<Database>;
  gateway: ModelGateway;
  redis: Redis | null;
  redisPrefix: string;
  logger: Logger;
  instanceId: string;
  /** Off only in a benchmark's baseline: text is then written when a generation ends. */
  streamingTextWrites?: boolean;
}): Promise<ChatServices> {
  const { db, redis, logger, instanceId } = options;
  const hub = await EventHub.open<GenerationEvent>({
    redis,
    channel: `${options.redisPrefix}:generation-events`,
    instanceId,
    logger,
  });
  const streams = new Set<EventStream>();
  const writer = new StreamingTextWriter(db, logger, STREAM_WRITE_INTERVAL_MS, {
    enabled: options.streamingTextWrites ?? true,
  });
  const generations = new Generations({
    db,
    gateway: options.gateway,
    hub,
    liveText: new LiveText(redis, options.redisPrefix, logger),
    writer,
    logger,
    instanceId,
  });
  const registry = await RunnerRegistry.open({
    db,
    redis,
    prefix: options.redisPrefix,
    instanceId,
    hub,
    logger,
  });
  return {
    generations,
    hub,
    registry,
    instanceId,
    streams,
    async close() {
      await generations.close();
      // Followers of generations on other instances: they reconnect to a running instance.
      for (const stream of [...streams]) stream.end();
      await writer.close();
      await registry.close();
      hub.close();
    },
  };
}
