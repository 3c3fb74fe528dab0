import { Secret, TOTP } from 'otpauth';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../platform/crypto/hashing.js';
import { openSecret } from '../../platform/crypto/secret-box.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.js';
import { codeBudgets, spend } from './attempt-budget.js';
const PERIOD_S = 30;
const ISSUER = 'Enclave';
export const RECOVERY_CODE_COUNT = 10;
export function totpFor(secretBase32, username) {
    return new TOTP({
        issuer: ISSUER,
        label: username,
        algorithm: 'SHA1',
        digits: 6,
        period: PERIOD_S,
        secret: Secret.fromBase32(secretBase32),
    });
}
/**
 * The time step of `code` if it is valid now (one step of clock skew either way), else null.
 */
export function totpStep(secretBase32, code) {
    const delta = totpFor(secretBase32, 'check').validate({ token: code, window: 1 });
    if (delta === null)
        return null;
    return Math.floor(Date.now() / 1000 / PERIOD_S) + delta;
}
/**
 * Accepts a TOTP code once: the step it belongs to must be later than the last one accepted,
 * and it is recorded in the same statement, so a code cannot be replayed, even concurrently.
 */
export async function acceptTotp(db, userId, secretBase32, code) {
    const step = totpStep(secretBase32, code);
    if (step === null)
        return false;
    const result = await db
        .updateTable('users')
        .set({ mfa_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
        .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
}
/** Ten single-use codes of 80 random bits; only their SHA-256 is kept. */
export function newRecoveryCodes() {
    return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
        const text = randomBytes(10).toString('hex');
        return text.match(/.{5}/g)?.join('-') ?? text;
    });
}
export function recoveryCodeHash(code) {
    return sha256Hex(code
        .trim()
        .toLowerCase()
        .replace(/[^0-9a-f]/g, ''));
}
export async function storeRecoveryCodes(db, userId, codes) {
    await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await db
        .insertInto('recovery_codes')
        .values(codes.map((code) => ({
        id: newId(),
        user_id: userId,
        code_hash: recoveryCodeHash(code),
        used_at: null,
    })))
        .execute();
}
async function useRecoveryCode(db, userId, code) {
    const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: new Date().toISOString() })
        .where('user_id', '=', userId)
        .where('code_hash', '=', recoveryCodeHash(code))
        .where('used_at', 'is', null)
        .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
}
/**
 * The second step of signing in to an account with MFA: 401 `mfa_required` without a code;
 * otherwise the code is charged to the user's code budget (so a burst of guesses is refused,
 * not tried), checked once, and audited when wrong.
 */
export async function checkSecondFactor(deps, user, codes, request) {
    if (!codes.totp && !codes.recoveryCode)
        throw new AppError('mfa_required');
    const budgets = codeBudgets(user.id);
    await spend(deps.budget, budgets);
    let ok = false;
    if (codes.totp && user.mfa_secret) {
        ok = await acceptTotp(deps.db, user.id, openSecret(deps.masterKeys, user.mfa_secret), codes.totp);
    }
    else if (codes.recoveryCode) {
        ok = await useRecoveryCode(deps.db, user.id, codes.recoveryCode);
    }
    if (!ok) {
        await recordAudit(deps.db, request, {
            action: 'auth.mfa_check',
            outcome: 'failure',
            actor: { id: user.id, username: user.username },
            details: { method: codes.totp ? 'totp' : 'recovery_code' },
        });
        throw new AppError('invalid_mfa_code');
    }
    await deps.budget.refund(budgets, budgets.map((b) => b.key));
    if (codes.recoveryCode) {
        await recordAudit(deps.db, request, {
            action: 'auth.recovery_code_used',
            outcome: 'success',
            actor: { id: user.id, username: user.username },
        });
    }
}
//# sourceMappingURL=mfa.js.map