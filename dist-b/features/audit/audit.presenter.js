import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
const Nullable = (schema) => Type.Union([schema, Type.Null()]);
export const AuditRecordSchema = Type.Object({
    id: Type.String(),
    at: Type.String({ description: 'ISO 8601 UTC' }),
    action: Type.String({ description: 'what happened, e.g. `auth.login`, `setup`, `mfa.enable`' }),
    outcome: StringEnum(['success', 'failure']),
    actor: Nullable(Type.Object({ id: Nullable(Type.String()), username: Nullable(Type.String()) })),
    target: Nullable(Type.Object({ type: Type.String(), id: Nullable(Type.String()) })),
    clientAddress: Nullable(Type.String()),
    userAgent: Nullable(Type.String()),
    details: Type.Record(Type.String(), Type.Unknown(), {
        description: 'what else is known; never a secret',
    }),
});
/** The one shape an audit event leaves the server in. */
export function presentAuditRecord(row) {
    return {
        id: row.id,
        at: row.at,
        action: row.action,
        outcome: row.outcome,
        actor: row.actor_id === null && row.actor_username === null
            ? null
            : { id: row.actor_id, username: row.actor_username },
        target: row.target_type === null ? null : { type: row.target_type, id: row.target_id },
        clientAddress: row.client_address,
        userAgent: row.user_agent,
        details: parseDetails(row.details),
    };
}
/** Details are written as a JSON object by recordAudit; anything else is shown as empty. */
function parseDetails(text) {
    try {
        const parsed = JSON.parse(text);
        return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
            ? parsed
            : {};
    }
    catch {
        return {};
    }
}
//# sourceMappingURL=audit.presenter.js.map