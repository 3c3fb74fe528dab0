import { sql } from 'kysely';
// Frozen: this file must never import application code or change after release.
export async function up(db) {
    const isPostgres = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
    const time = isPostgres ? 'timestamptz' : 'text';
    const now = isPostgres ? sql `now()` : sql `(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
    // Upstreams an admin added at run time; those from the environment are not stored.
    await db.schema
        .createTable('providers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull()) // 'ollama' | 'openai'
        .addColumn('base_url', 'text', (c) => c.notNull())
        // Sealed with the master key; never returned by the API.
        .addColumn('api_key_sealed', 'text')
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('concurrency', 'integer')
        .addColumn('created_at', time, (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', time, (c) => c.notNull().defaultTo(now))
        .execute();
    await db.schema
        .createTable('conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('title', 'text')
        .addColumn('model', 'text')
        .addColumn('system_prompt', 'text')
        .addColumn('created_at', time, (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', time, (c) => c.notNull().defaultTo(now))
        .execute();
    // Newest first by last activity, then id: the list's order and its cursor.
    await db.schema
        .createIndex('conversations_user_updated')
        .on('conversations')
        .columns(['user_id', 'updated_at', 'id'])
        .execute();
    await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
        // Denormalised owner, so every message query filters by the caller without a join.
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull()) // 'user' | 'assistant'
        .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
        // user messages: 'complete'; assistant: queued | streaming | complete | cancelled | failed | interrupted
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('model', 'text')
        .addColumn('error_code', 'text')
        .addColumn('prompt_tokens', 'integer')
        .addColumn('completion_tokens', 'integer')
        // The server instance running the generation, so a restart only interrupts its own.
        .addColumn('runner_id', 'text')
        .addColumn('created_at', time, (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', time, (c) => c.notNull().defaultTo(now))
        .execute();
    await db.schema
        .createIndex('messages_conversation')
        .on('messages')
        .columns(['conversation_id', 'id'])
        .execute();
    await db.schema.createIndex('messages_user').on('messages').column('user_id').execute();
    await db.schema.createIndex('messages_status').on('messages').column('status').execute();
    if (isPostgres) {
        // 'simple' keeps words as written: the interface speaks English and German, and stemming
        // for one language would mangle the other. Answers still being generated are left out (as
        // on SQLite): their text is rewritten every flush, and tokenizing it anew each time would
        // cost in proportion to all of it.
        await sql `alter table messages add column search tsvector
      generated always as (case when status in ('queued', 'streaming') then null
        else to_tsvector('simple', content) end) stored`.execute(db);
        await sql `create index messages_search on messages using gin (search)`.execute(db);
    }
    else {
        // External-content FTS5 over messages.rowid, kept current by triggers. Only finished
        // messages are indexed: an answer being generated is rewritten every flush, and indexing
        // it each time would cost in proportion to all its text. An external-content index must
        // only be told to delete exactly what it holds, so each trigger asks whether the old row
        // was indexed (finished) before deleting it, and deletes before it inserts.
        await sql `create virtual table messages_fts using fts5(
      content, content='messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
        await sql `create trigger messages_fts_insert after insert on messages
    when new.status not in ('queued', 'streaming') begin
      insert into messages_fts(rowid, content) values (new.rowid, new.content);
    end`.execute(db);
        await sql `create trigger messages_fts_delete after delete on messages
    when old.status not in ('queued', 'streaming') begin
      insert into messages_fts(messages_fts, rowid, content) values ('delete', old.rowid, old.content);
    end`.execute(db);
        await sql `create trigger messages_fts_update after update of content, status on messages
    when old.status not in ('queued', 'streaming') or new.status not in ('queued', 'streaming')
    begin
      insert into messages_fts(messages_fts, rowid, content)
        select 'delete', old.rowid, old.content where old.status not in ('queued', 'streaming');
      insert into messages_fts(rowid, content)
        select new.rowid, new.content where new.status not in ('queued', 'streaming');
    end`.execute(db);
    }
    // One row per call through the OpenAI-compatible API, so programs' use is on record.
    await db.schema
        .createTable('api_usage')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', time, (c) => c.notNull().defaultTo(now))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('api_key_id', 'text')
        .addColumn('endpoint', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull()) // 'success' or an error code
        .addColumn('prompt_tokens', 'integer')
        .addColumn('completion_tokens', 'integer')
        .execute();
    await db.schema
        .createIndex('api_usage_user')
        .on('api_usage')
        .columns(['user_id', 'at'])
        .execute();
}
export async function down(db) {
    const isPostgres = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
    if (!isPostgres)
        await sql `drop table if exists messages_fts`.execute(db);
    for (const table of ['api_usage', 'messages', 'conversations', 'providers']) {
        await db.schema.dropTable(table).execute();
    }
}
//# sourceMappingURL=2026-11-30-0002-chat.js.map