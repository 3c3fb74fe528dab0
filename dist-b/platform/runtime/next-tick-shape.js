import { createHook } from 'node:async_hooks';
let pinned;
/**
 * Keeps one of `process.nextTick`'s queue entries alive for the life of the process, so that
 * V8 keeps the hidden class (map) those entries share.
 *
 * Node 20 builds each entry as an object literal with computed keys, whose maps are reachable
 * only through V8's weak transitions while no entry is queued. Every full garbage collection
 * then drops them, the next `nextTick` builds new ones, and after a few collections the
 * literal's inline caches in `nextTick` go megamorphic for good: each entry is then built by
 * the runtime's slow path. A request's streams call `nextTick` several times, so a server that
 * had collected its heap a few times spent ~10 % of its CPU there (perf, `/health/live` under
 * load; ~2 µs per request). One live entry holds its map and the maps before it.
 *
 * The entry is caught with an init hook enabled for a single `nextTick` call.
 */
export function pinNextTickShape() {
    if (pinned)
        return;
    const hook = createHook({
        init(_asyncId, type, _triggerAsyncId, resource) {
            if (type === 'TickObject')
                pinned ??= resource;
        },
    });
    hook.enable();
    process.nextTick(() => { });
    hook.disable();
}
//# sourceMappingURL=next-tick-shape.js.map