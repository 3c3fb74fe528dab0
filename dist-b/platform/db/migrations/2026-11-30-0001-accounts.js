import { sql } from 'kysely';
// Frozen: this file must never import application code or change after release.
export async function up(db) {
    const isPostgres = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
    const time = isPostgres ? 'timestamptz' : 'text';
    const now = isPostgres ? sql `now()` : sql `(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
    await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // Stored lower-cased, so sign-in and uniqueness ignore case.
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        // TOTP secret, encrypted with the master key; pending until confirmed with a code.
        .addColumn('mfa_secret', 'text')
        .addColumn('mfa_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        // The time step of the last accepted TOTP code, so a code cannot be replayed.
        .addColumn('mfa_last_step', 'bigint')
        .addColumn('created_at', time, (c) => c.notNull().defaultTo(now))
        .addColumn('updated_at', time, (c) => c.notNull().defaultTo(now))
        .execute();
    // One row per sign-in ("session", a refresh-token family).
    await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', time, (c) => c.notNull().defaultTo(now))
        // The absolute end, however often the session is refreshed.
        .addColumn('expires_at', time, (c) => c.notNull())
        .addColumn('last_used_at', time, (c) => c.notNull().defaultTo(now))
        .addColumn('revoked_at', time)
        .addColumn('revoked_reason', 'text')
        .addColumn('client_address', 'text')
        .addColumn('user_agent', 'text')
        .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    // Every refresh token ever issued, by the SHA-256 of its (high-entropy) value: a used one is
    // kept, so presenting it again is recognised as reuse.
    await db.schema
        .createTable('refresh_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('created_at', time, (c) => c.notNull().defaultTo(now))
        .addColumn('expires_at', time, (c) => c.notNull())
        .addColumn('used_at', time)
        .execute();
    await db.schema
        .createIndex('refresh_tokens_session')
        .on('refresh_tokens')
        .column('session_id')
        .execute();
    await db.schema
        .createTable('recovery_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('used_at', time)
        .execute();
    await db.schema
        .createIndex('recovery_codes_user')
        .on('recovery_codes')
        .column('user_id')
        .execute();
    await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        // The first characters of the key, shown in lists so a person can tell keys apart.
        .addColumn('prefix', 'text', (c) => c.notNull())
        // SHA-256 of the whole key: the key is random, so a fast hash cannot be brute-forced.
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        // JSON array of scope names.
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull().defaultTo(now))
        .addColumn('expires_at', time)
        .addColumn('last_used_at', time)
        .addColumn('revoked_at', time)
        .execute();
    await db.schema.createIndex('api_keys_user').on('api_keys').column('user_id').execute();
    // Append-only: no route updates or deletes these rows, and they keep no foreign keys, so
    // deleting a user keeps the trail of what was done by and to them.
    await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', time, (c) => c.notNull().defaultTo(now))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_username', 'text')
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('client_address', 'text')
        .addColumn('user_agent', 'text')
        // JSON object with details that are never secret.
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
    await db.schema.createIndex('audit_events_action').on('audit_events').column('action').execute();
    await db.schema.createIndex('audit_events_actor').on('audit_events').column('actor_id').execute();
}
export async function down(db) {
    for (const table of [
        'audit_events',
        'api_keys',
        'recovery_codes',
        'refresh_tokens',
        'sessions',
        'users',
    ]) {
        await db.schema.dropTable(table).execute();
    }
}
//# sourceMappingURL=2026-11-30-0001-accounts.js.map