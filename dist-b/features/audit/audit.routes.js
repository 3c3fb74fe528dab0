import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
import { AuditRecordSchema, presentAuditRecord } from './audit.presenter.js';
import { listAuditEvents } from './audit.queries.js';
const Filter = (description) => Type.Optional(Type.String({ minLength: 1, maxLength: 100, description }));
const Instant = (description) => Type.Optional(Type.String({ format: 'date-time', description }));
const AuditQuerystring = Type.Object({
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Filter('the `nextCursor` of the previous page'),
    action: Filter('only this action, e.g. `auth.login`'),
    actorId: Filter('only events done by this user id'),
    targetId: Filter('only events done to this id'),
    outcome: Type.Optional(StringEnum(['success', 'failure'])),
    from: Instant('only events at or after this time'),
    to: Instant('only events at or before this time'),
}, { additionalProperties: false });
const AuditPage = Type.Object({
    items: Type.Array(AuditRecordSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
});
const utc = (instant) => instant === undefined ? undefined : new Date(instant).toISOString();
/**
 * The security trail, read-only. Deliberately nothing here updates or deletes an event: the
 * trail is only worth something if an admin cannot rewrite it.
 */
export const auditRoutes = async (app, { services }) => {
    app.get('/api/admin/audit', {
        config: { auth: { role: 'admin' } },
        schema: {
            tags: ['admin'],
            summary: 'Security events, newest first',
            querystring: AuditQuerystring,
            response: { 200: AuditPage },
        },
    }, async (request) => {
        const { limit, cursor, action, actorId, targetId, outcome, from, to } = request.query;
        const rows = await listAuditEvents(services.db, {
            limit,
            before: cursor,
            action,
            actorId,
            targetId,
            outcome,
            // Stored times are ISO 8601 UTC text on SQLite, so bounds are compared in that form.
            from: utc(from),
            to: utc(to),
        });
        const items = rows.slice(0, limit).map(presentAuditRecord);
        return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    });
};
//# sourceMappingURL=audit.routes.js.map