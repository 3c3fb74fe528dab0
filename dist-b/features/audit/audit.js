import { newId } from '../../platform/ids.js';
import { scrub } from '../../platform/logging/redact.js';
const MAX_USER_AGENT = 512;
/**
 * Appends one security event. Callers pass their transaction when the event belongs to a
 * change, so the change and its record commit together. Rows are never updated or deleted.
 */
export async function recordAudit(db, request, event) {
    const userAgent = request?.headers['user-agent'];
    await db
        .insertInto('audit_events')
        .values({
        id: newId(),
        at: new Date().toISOString(),
        action: event.action,
        outcome: event.outcome,
        actor_id: event.actor?.id ?? null,
        actor_username: event.actor?.username ?? null,
        target_type: event.target?.type ?? null,
        target_id: event.target?.id ?? null,
        client_address: request?.ip ?? null,
        user_agent: typeof userAgent === 'string' ? userAgent.slice(0, MAX_USER_AGENT) : null,
        details: JSON.stringify(scrub(event.details ?? {})),
    })
        .execute();
}
//# sourceMappingURL=audit.js.map