import { freemem, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { formatBytes, percent } from './status-levels.js';
/** Percentages at which each measure turns amber / red. */
export const MEMORY_LIMITS = {
    heapUsedPercent: { amber: 80, red: 95 },
    rssOfLimitPercent: { amber: 80, red: 95 },
    systemFreePercent: { amber: 10, red: 5 },
};
export function readMemory() {
    const { rss } = process.memoryUsage();
    const heap = getHeapStatistics();
    const systemTotalBytes = totalmem();
    const constrained = process.constrainedMemory();
    return {
        rssBytes: rss,
        heapUsedBytes: heap.used_heap_size,
        heapLimitBytes: heap.heap_size_limit,
        limitBytes: constrained > 0 && constrained < systemTotalBytes ? constrained : systemTotalBytes,
        systemFreeBytes: freemem(),
        systemTotalBytes,
    };
}
/** The worst of heap use, RSS against the memory limit and the machine's free memory. */
export function judgeMemory(reading) {
    const heap = percent(reading.heapUsedBytes, reading.heapLimitBytes);
    const rss = percent(reading.rssBytes, reading.limitBytes);
    const free = percent(reading.systemFreeBytes, reading.systemTotalBytes);
    const limits = MEMORY_LIMITS;
    const reasons = [];
    const note = (level, text) => {
        if (level)
            reasons.push({ level, text });
    };
    const above = (value, limit) => value >= limit.red ? 'red' : value >= limit.amber ? 'amber' : null;
    const below = (value, limit) => value < limit.red ? 'red' : value < limit.amber ? 'amber' : null;
    note(above(heap, limits.heapUsedPercent), `JavaScript heap ${heap} % full`);
    note(above(rss, limits.rssOfLimitPercent), `the process uses ${rss} % of its memory limit`);
    note(below(free, limits.systemFreePercent), `only ${free} % of the machine's memory is free`);
    const status = reasons.some((r) => r.level === 'red')
        ? 'red'
        : reasons.length > 0
            ? 'amber'
            : 'green';
    return { status, reasons: reasons.map((r) => r.text) };
}
/** The process's memory (RSS, heap) and the machine's free memory. */
export function checkMemory(reading = readMemory()) {
    const { status, reasons } = judgeMemory(reading);
    const usage = `process ${formatBytes(reading.rssBytes)} RSS, ${formatBytes(reading.systemFreeBytes)} of ${formatBytes(reading.systemTotalBytes)} free on the machine`;
    return {
        name: 'memory',
        kind: 'memory',
        status,
        summary: reasons.length > 0 ? `${reasons.join('; ')} (${usage})` : usage,
        details: {
            rssBytes: reading.rssBytes,
            heapUsedBytes: reading.heapUsedBytes,
            heapLimitBytes: reading.heapLimitBytes,
            heapUsedPercent: percent(reading.heapUsedBytes, reading.heapLimitBytes),
            limitBytes: reading.limitBytes,
            systemFreeBytes: reading.systemFreeBytes,
            systemTotalBytes: reading.systemTotalBytes,
        },
    };
}
//# sourceMappingURL=memory-check.js.map