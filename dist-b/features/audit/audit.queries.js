/**
 * Audit events newest first, `limit + 1` of them. Ids are UUIDv7, so ordering and paging by id
 * follows time and a page boundary never splits or repeats events written in the same
 * millisecond.
 */
export function listAuditEvents(db, query) {
    let select = db.selectFrom('audit_events').selectAll();
    if (query.before !== undefined)
        select = select.where('id', '<', query.before);
    if (query.action !== undefined)
        select = select.where('action', '=', query.action);
    if (query.actorId !== undefined)
        select = select.where('actor_id', '=', query.actorId);
    if (query.targetId !== undefined)
        select = select.where('target_id', '=', query.targetId);
    if (query.outcome !== undefined)
        select = select.where('outcome', '=', query.outcome);
    if (query.from !== undefined)
        select = select.where('at', '>=', query.from);
    if (query.to !== undefined)
        select = select.where('at', '<=', query.to);
    return select
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
        .execute();
}
//# sourceMappingURL=audit.queries.js.map