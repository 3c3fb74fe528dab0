import { sealSecret } from '../../platform/crypto/secret-box.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.js';
import { PROVIDER_ENV, environmentProviders, isEnvironmentProviderId, storedProvider, } from './providers.js';
import { deleteProviderRow, findProviderRow, insertProviderRow, listProviderRows, updateProviderRow, } from './providers.queries.js';
import { presentProvider, } from './providers.schema.js';
function viewOfRow(row, deps) {
    const provider = storedProvider(row, deps.config, deps.masterKeys);
    return presentProvider({ ...provider, hasApiKey: row.api_key_sealed !== null });
}
/** Every provider as the admin sees it: the environment's (locked) first, then stored ones. */
export async function listProviderViews(deps) {
    const fromEnv = environmentProviders(deps.config).map(({ apiKey, ...provider }) => presentProvider({ ...provider, hasApiKey: apiKey !== null }));
    const stored = (await listProviderRows(deps.db)).map((row) => viewOfRow(row, deps));
    return [...fromEnv, ...stored];
}
/** Refuses a change to a provider from the environment: the environment always wins. */
export function assertNotLocked(id) {
    if (isEnvironmentProviderId(id)) {
        throw new AppError('conflict', `The provider ${id} is set by the environment (${PROVIDER_ENV[id]}) and cannot be changed here.`);
    }
}
/** Only http and https URLs that parse; the schema's pattern is a first filter. */
function checkBaseUrl(baseUrl) {
    if (baseUrl === undefined)
        return undefined;
    let url;
    try {
        url = new URL(baseUrl);
    }
    catch {
        throw new AppError('validation_failed', 'baseUrl is not a valid URL.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new AppError('validation_failed', 'baseUrl must be an http or https URL.');
    }
    return baseUrl.replace(/\/+$/, '');
}
/**
 * Audit details of a change: what changed, never the key (only whether one was set or
 * removed). recordAudit also masks credentials in URLs.
 */
function auditDetails(changes) {
    const { apiKey, ...rest } = changes;
    return {
        ...rest,
        // Named so the audit's secret filter (which blanks any field named like a key) keeps it.
        ...(apiKey !== undefined
            ? { authChange: apiKey === null ? 'api key removed' : 'api key set' }
            : {}),
    };
}
/** An admin adds a provider; its API key is sealed with the master key before it is stored. */
export async function createProvider(props) {
    const { db, masterKeys, actor, input, request } = props;
    const baseUrl = checkBaseUrl(input.baseUrl);
    const now = new Date().toISOString();
    const row = await db.transaction().execute(async (trx) => {
        const created = await insertProviderRow(trx, {
            id: newId(),
            name: input.name.trim(),
            kind: input.kind,
            base_url: baseUrl,
            api_key_sealed: input.apiKey ? sealSecret(masterKeys, input.apiKey) : null,
            enabled: input.enabled === false ? 0 : 1,
            concurrency: input.concurrency ?? null,
            created_at: now,
            updated_at: now,
        });
        await recordAudit(trx, request, {
            action: 'provider.create',
            outcome: 'success',
            actor: { id: actor.userId, username: null },
            target: { type: 'provider', id: created.id },
            details: auditDetails(input),
        });
        return created;
    });
    return viewOfRow(row, props);
}
/** An admin changes a stored provider (including `enabled: false` and `apiKey: null`). */
export async function updateProvider(props) {
    const { db, masterKeys, actor, id, changes, request } = props;
    assertNotLocked(id);
    const baseUrl = checkBaseUrl(changes.baseUrl);
    const row = await db.transaction().execute(async (trx) => {
        const updated = await updateProviderRow(trx, id, {
            ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
            ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
            ...(baseUrl !== undefined ? { base_url: baseUrl } : {}),
            ...(changes.apiKey !== undefined
                ? {
                    api_key_sealed: changes.apiKey === null ? null : sealSecret(masterKeys, changes.apiKey),
                }
                : {}),
            ...(changes.enabled !== undefined ? { enabled: changes.enabled ? 1 : 0 } : {}),
            ...(changes.concurrency !== undefined ? { concurrency: changes.concurrency } : {}),
        });
        if (!updated)
            throw new AppError('not_found', 'No such provider.');
        await recordAudit(trx, request, {
            action: 'provider.update',
            outcome: 'success',
            actor: { id: actor.userId, username: null },
            target: { type: 'provider', id },
            details: auditDetails(changes),
        });
        return updated;
    });
    return viewOfRow(row, props);
}
/** An admin removes a stored provider. */
export async function deleteProvider(props) {
    const { db, actor, id, request } = props;
    assertNotLocked(id);
    await db.transaction().execute(async (trx) => {
        const row = await findProviderRow(trx, id);
        if (!row || !(await deleteProviderRow(trx, id))) {
            throw new AppError('not_found', 'No such provider.');
        }
        await recordAudit(trx, request, {
            action: 'provider.delete',
            outcome: 'success',
            actor: { id: actor.userId, username: null },
            target: { type: 'provider', id },
            details: { name: row.name, kind: row.kind },
        });
    });
}
//# sourceMappingURL=manage-providers.js.map