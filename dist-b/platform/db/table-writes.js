import { AliasNode, TableNode, } from 'kysely';
/**
 * Tells in-memory caches that a table was written, whichever code path wrote it: a Kysely
 * plugin sees every insert, update and delete built with the query builder (raw SQL is not
 * seen; no code writes a watched table that way). Listeners are told when the statement is
 * sent and again when it has run, so a read that raced the write is dropped too. With
 * PostgreSQL, another connection can still read the old row until the writer's transaction
 * commits; caches that listen here therefore also expire their entries after a short time.
 */
export class TableWrites {
    #listeners = new Map();
    #writing = new WeakMap();
    /** Calls `listener` whenever `table` is written; returns what stops it. */
    on(table, listener) {
        let listeners = this.#listeners.get(table);
        if (!listeners)
            this.#listeners.set(table, (listeners = new Set()));
        listeners.add(listener);
        return () => listeners.delete(listener);
    }
    transformQuery({ queryId, node }) {
        if (this.#listeners.size === 0)
            return node;
        const table = writtenTable(node);
        if (table !== undefined && this.#listeners.has(table)) {
            this.#writing.set(queryId, table);
            this.#notify(table);
        }
        return node;
    }
    transformResult({ queryId, result, }) {
        const table = this.#writing.get(queryId);
        if (table !== undefined)
            this.#notify(table);
        return Promise.resolve(result);
    }
    #notify(table) {
        for (const listener of this.#listeners.get(table) ?? [])
            listener();
    }
}
/** The table an insert, update or delete writes; undefined for anything else. */
function writtenTable(node) {
    if (node.kind === 'InsertQueryNode')
        return tableName(node.into);
    if (node.kind === 'UpdateQueryNode')
        return tableName(node.table);
    if (node.kind === 'DeleteQueryNode')
        return tableName(node.from.froms[0]);
    return undefined;
}
function tableName(node) {
    if (!node)
        return undefined;
    if (AliasNode.is(node))
        return tableName(node.node);
    return TableNode.is(node) ? node.table.identifier.name : undefined;
}
//# sourceMappingURL=table-writes.js.map