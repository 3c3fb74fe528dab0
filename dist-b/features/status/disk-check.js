import { statfs } from 'node:fs/promises';
import { BYTES, bounded, formatBytes, percent } from './status-levels.js';
/** Free space of the data dir below either bound is amber / red. */
export const DISK_LIMITS = {
    amber: { percent: 10, bytes: 2 * BYTES.GIB },
    red: { percent: 3, bytes: 500 * BYTES.MIB },
};
export function judgeDisk(freeBytes, totalBytes) {
    const freePercent = percent(freeBytes, totalBytes);
    const below = (limit) => freePercent < limit.percent || freeBytes < limit.bytes;
    if (below(DISK_LIMITS.red))
        return 'red';
    return below(DISK_LIMITS.amber) ? 'amber' : 'green';
}
/** Free space on the file system of the data dir (database, uploads, backups). */
export function checkDisk(dataDir, options) {
    return bounded(async () => {
        const fs = await statfs(dataDir);
        // What an unprivileged process may still write (bavail), not what root could (bfree).
        const freeBytes = fs.bavail * fs.bsize;
        const totalBytes = fs.blocks * fs.bsize;
        const freePercent = percent(freeBytes, totalBytes);
        return {
            name: 'disk',
            kind: 'disk',
            status: judgeDisk(freeBytes, totalBytes),
            summary: `${formatBytes(freeBytes)} free of ${formatBytes(totalBytes)} (${freePercent} %) in the data dir`,
            details: { path: dataDir, freeBytes, totalBytes, freePercent },
        };
    }, options.timeoutMs, () => ({
        name: 'disk',
        kind: 'disk',
        status: 'red',
        summary: 'the free space of the data dir cannot be read',
        details: { path: dataDir },
    }), (reason) => options.log('disk', reason));
}
//# sourceMappingURL=disk-check.js.map