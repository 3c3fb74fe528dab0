import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { StringEnum } from '../../platform/schema.js';
import { recordAudit } from '../audit/audit.js';
import { IdParams } from '../auth/auth.schema.js';
import { principalOf } from '../auth/auth-guard.js';
import { SCOPES } from '../auth/policy.js';
import { keyMarker } from '../auth/revocations.js';
import { newApiKey } from './api-keys.js';
const ApiKeySchema = Type.Object({
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: 'the first characters of the key' }),
    scopes: Type.Array(StringEnum(SCOPES)),
    createdAt: Type.String(),
    expiresAt: Type.Union([Type.String(), Type.Null()]),
    lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
const CreateKeyBody = Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(StringEnum(SCOPES), {
        minItems: 1,
        maxItems: SCOPES.length,
        uniqueItems: true,
    }),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
}, { additionalProperties: false });
function presentKey(row) {
    return {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        scopes: JSON.parse(row.scopes),
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        lastUsedAt: row.last_used_at,
    };
}
const tags = ['api-keys'];
const sessionOnly = { auth: { sessionOnly: true } };
export const apiKeyRoutes = async (app, { services }) => {
    const { db } = services;
    app.post('/api/keys', {
        config: sessionOnly,
        schema: {
            tags,
            summary: 'Create an API key; the key is shown in this answer only',
            body: CreateKeyBody,
            response: { 201: Type.Intersect([ApiKeySchema, Type.Object({ key: Type.String() })]) },
        },
    }, async (request, reply) => {
        const principal = principalOf(request);
        const { name, scopes, expiresAt } = request.body;
        if (scopes.includes('admin') && principal.role !== 'admin') {
            throw new AppError('forbidden', 'Only an admin can create a key with the admin scope.');
        }
        if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.now()) {
            throw new AppError('validation_failed', 'expiresAt must be in the future.');
        }
        const { key, prefix, hash } = newApiKey();
        const row = await db.transaction().execute(async (trx) => {
            const created = await trx
                .insertInto('api_keys')
                .values({
                id: newId(),
                user_id: principal.userId,
                name,
                prefix,
                key_hash: hash,
                scopes: JSON.stringify(scopes),
                created_at: new Date().toISOString(),
                expires_at: expiresAt ? new Date(expiresAt).toISOString() : null,
                last_used_at: null,
                revoked_at: null,
            })
                .returningAll()
                .executeTakeFirstOrThrow();
            await recordAudit(trx, request, {
                action: 'api_key.create',
                outcome: 'success',
                actor: { id: principal.userId, username: null },
                target: { type: 'api_key', id: created.id },
                details: { name, scopes, prefix },
            });
            return created;
        });
        return reply.code(201).send({ ...presentKey(row), key });
    });
    app.get('/api/keys', {
        config: sessionOnly,
        schema: {
            tags,
            summary: "The caller's API keys (never the keys themselves)",
            response: {
                200: Type.Object({
                    items: Type.Array(ApiKeySchema),
                    nextCursor: Type.Union([Type.String(), Type.Null()]),
                }),
            },
        },
    }, async (request) => {
        const rows = await db
            .selectFrom('api_keys')
            .selectAll()
            .where('user_id', '=', principalOf(request).userId)
            .where('revoked_at', 'is', null)
            .orderBy('id', 'desc')
            .limit(200)
            .execute();
        return { items: rows.map(presentKey), nextCursor: null };
    });
    app.delete('/api/keys/:id', {
        config: sessionOnly,
        schema: { tags, summary: 'Revoke an API key at once', params: IdParams },
    }, async (request, reply) => {
        const principal = principalOf(request);
        const result = await db
            .updateTable('api_keys')
            .set({ revoked_at: new Date().toISOString() })
            .where('id', '=', request.params.id)
            .where('user_id', '=', principal.userId)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1)
            throw new AppError('not_found', 'No such API key.');
        await services.revoked.add([keyMarker(request.params.id)]);
        await recordAudit(db, request, {
            action: 'api_key.revoke',
            outcome: 'success',
            actor: { id: principal.userId, username: null },
            target: { type: 'api_key', id: request.params.id },
        });
        return reply.code(204).send();
    });
};
//# sourceMappingURL=api-keys.routes.js.map