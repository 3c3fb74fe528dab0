/**
 * A queue in front of one upstream: at most `concurrency` calls run at once and the rest wait.
 * The next slot goes to the waiting user who was served longest ago (round-robin between users,
 * first come first served within one user), so one user with many calls cannot starve others.
 */
export class FairQueue {
    concurrency;
    users = new Map();
    running = 0;
    seq = 0;
    dispatches = 0;
    constructor(concurrency) {
        this.concurrency = concurrency;
    }
    /** Calls running now. */
    get active() {
        return this.running;
    }
    /** Calls waiting now. */
    get waiting() {
        let count = 0;
        for (const line of this.users.values())
            count += line.waiters.length;
        return count;
    }
    /** Changes how many calls may run at once; waiters move up at once if it grew. */
    setConcurrency(concurrency) {
        this.concurrency = concurrency;
        this.dispatch();
    }
    /** Resolves with a release function once a slot is free for this caller. */
    acquire(ticket) {
        const { signal, userId } = ticket;
        if (signal.aborted)
            return Promise.reject(signal.reason);
        return new Promise((resolve, reject) => {
            const onAbort = () => {
                this.remove(waiter);
                reject(signal.reason);
            };
            const waiter = {
                seq: this.seq++,
                userId,
                position: 0,
                grant: resolve,
                fail: reject,
                onQueued: ticket.onQueued,
                detach: () => signal.removeEventListener('abort', onAbort),
            };
            signal.addEventListener('abort', onAbort, { once: true });
            this.lineOf(userId).waiters.push(waiter);
            this.dispatch();
        });
    }
    /** Rejects every waiter with `reason` (the upstream went away). Running calls are not touched. */
    rejectAll(reason) {
        for (const line of this.users.values()) {
            for (const waiter of line.waiters.splice(0)) {
                waiter.detach();
                waiter.fail(reason);
            }
        }
        this.forgetIdleUsers();
    }
    lineOf(userId) {
        let line = this.users.get(userId);
        if (!line) {
            line = { waiters: [], running: 0, lastServed: -1 };
            this.users.set(userId, line);
        }
        return line;
    }
    remove(waiter) {
        const line = this.users.get(waiter.userId);
        if (!line)
            return;
        const index = line.waiters.indexOf(waiter);
        if (index === -1)
            return;
        line.waiters.splice(index, 1);
        waiter.detach();
        this.forgetIdleUsers();
        this.reportPositions();
    }
    /** Users with someone waiting, in the order they will be served. */
    order() {
        return [...this.users.values()]
            .filter((line) => line.waiters.length > 0)
            .sort((a, b) => a.lastServed - b.lastServed || (a.waiters[0]?.seq ?? 0) - (b.waiters[0]?.seq ?? 0));
    }
    dispatch() {
        while (this.running < this.concurrency) {
            const line = this.order()[0];
            const waiter = line?.waiters.shift();
            if (!line || !waiter)
                break;
            waiter.detach();
            this.running++;
            line.running++;
            line.lastServed = this.dispatches++;
            let released = false;
            waiter.grant(() => {
                if (released)
                    return;
                released = true;
                this.running--;
                line.running--;
                this.forgetIdleUsers();
                this.dispatch();
            });
        }
        this.reportPositions();
    }
    /**
     * The serving order repeats while nobody new arrives: round k serves each user's k-th waiter,
     * users ordered as `order()` has them. A waiter's place is its index in that sequence.
     */
    reportPositions() {
        const lines = this.order();
        let position = 0;
        for (let round = 0;; round++) {
            let any = false;
            for (const line of lines) {
                const waiter = line.waiters[round];
                if (!waiter)
                    continue;
                any = true;
                position++;
                if (waiter.position !== position) {
                    waiter.position = position;
                    try {
                        waiter.onQueued?.(position);
                    }
                    catch {
                        // A listener's failure must not stall the queue.
                    }
                }
            }
            if (!any)
                break;
        }
    }
    forgetIdleUsers() {
        for (const [userId, line] of this.users) {
            if (line.waiters.length === 0 && line.running === 0)
                this.users.delete(userId);
        }
    }
}
//# sourceMappingURL=fair-queue.js.map