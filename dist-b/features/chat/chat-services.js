import { EventHub } from '../../platform/events/event-hub.js';
import { Generations } from './generations/generations.js';
import { LiveText } from './generations/live-text.js';
import { RunnerRegistry } from './generations/runner-registry.js';
import { StreamingTextWriter } from './generations/streaming-text-writer.js';
/** How often streaming text is written to the database (the contract allows at most 1 s). */
const STREAM_WRITE_INTERVAL_MS = 500;
/**
 * The running parts of chat: the event hub (across instances with Redis), the generations of
 * this instance, the batch writer of their text and the registry that interrupts the
 * generations of instances that stopped. Opening it interrupts this deployment's leftovers.
 */
export async function openChatServices(options) {
    const { db, redis, logger, instanceId } = options;
    const hub = await EventHub.open({
        redis,
        channel: `${options.redisPrefix}:generation-events`,
        instanceId,
        logger,
    });
    const streams = new Set();
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
            for (const stream of [...streams])
                stream.end();
            await writer.close();
            await registry.close();
            hub.close();
        },
    };
}
//# sourceMappingURL=chat-services.js.map