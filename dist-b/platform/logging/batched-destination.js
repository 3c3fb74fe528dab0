/** Past this many characters waiting, lines are written at once rather than at the turn's end. */
const MAX_PENDING_CHARS = 16 * 1024;
/**
 * Log lines gathered during one turn of the event loop and handed to `destination` as one
 * write when the turn ends (`setImmediate`), or sooner once 16 KiB are waiting; whatever is
 * left is written when the process exits. Under load a turn ends many requests, each with its
 * access-log line, and a write(2) per line was the largest single cost of logging one. Lines
 * keep their order, and a line waits for less than a turn of the loop.
 */
export function batchedDestination(destination) {
    let pending = '';
    let scheduled = false;
    const flush = () => {
        scheduled = false;
        if (pending.length === 0)
            return;
        const lines = pending;
        pending = '';
        destination.write(lines);
    };
    process.once('exit', flush);
    return {
        write(line) {
            pending += line;
            if (pending.length >= MAX_PENDING_CHARS)
                flush();
            else if (!scheduled) {
                scheduled = true;
                setImmediate(flush);
            }
        },
    };
}
//# sourceMappingURL=batched-destination.js.map