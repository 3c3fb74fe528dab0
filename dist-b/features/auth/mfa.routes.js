import { Secret } from 'otpauth';
import { Type } from '@sinclair/typebox';
import { openSecret, sealSecret } from '../../platform/crypto/secret-box.js';
import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { findUserById } from '../users/users.queries.js';
import { codeBudgets, signInBudgets, spend } from './attempt-budget.js';
import { Password, TotpCode } from './auth.schema.js';
import { principalOf } from './auth-guard.js';
import { acceptTotp, newRecoveryCodes, storeRecoveryCodes, totpFor } from './mfa.js';
import { verifyPassword } from './passwords.js';
const closed = { additionalProperties: false };
const tags = ['mfa'];
const sessionOnly = { auth: { sessionOnly: true } };
export const mfaRoutes = async (app, { services }) => {
    const { db, masterKeys } = services;
    const currentUser = async (userId) => {
        const user = await findUserById(db, userId);
        if (!user)
            throw new AppError('invalid_token');
        return user;
    };
    app.post('/api/auth/mfa/setup', {
        config: sessionOnly,
        schema: {
            tags,
            summary: 'Start TOTP enrolment: a new secret, not active until confirmed',
            response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String() }) },
        },
    }, async (request) => {
        const user = await currentUser(principalOf(request).userId);
        if (user.mfa_enabled === 1)
            throw new AppError('conflict', 'MFA is already enabled.');
        const secret = new Secret({ size: 20 }).base32;
        await db
            .updateTable('users')
            .set({ mfa_secret: sealSecret(masterKeys, secret), mfa_last_step: null })
            .where('id', '=', user.id)
            .execute();
        return { secret, otpauthUrl: totpFor(secret, user.username).toString() };
    });
    app.post('/api/auth/mfa/enable', {
        config: sessionOnly,
        schema: {
            tags,
            summary: 'Confirm enrolment with a code; returns ten single-use recovery codes',
            body: Type.Object({ totp: TotpCode }, closed),
            response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }) },
        },
    }, async (request) => {
        const user = await currentUser(principalOf(request).userId);
        if (user.mfa_enabled === 1)
            throw new AppError('conflict', 'MFA is already enabled.');
        if (!user.mfa_secret)
            throw new AppError('conflict', 'Start with POST /api/auth/mfa/setup.');
        await spend(services.budget, codeBudgets(user.id));
        const secret = openSecret(masterKeys, user.mfa_secret);
        if (!(await acceptTotp(db, user.id, secret, request.body.totp))) {
            await recordAudit(db, request, {
                action: 'mfa.enable',
                outcome: 'failure',
                actor: { id: user.id, username: user.username },
            });
            throw new AppError('invalid_mfa_code');
        }
        const recoveryCodes = newRecoveryCodes();
        await db.transaction().execute(async (trx) => {
            await trx.updateTable('users').set({ mfa_enabled: 1 }).where('id', '=', user.id).execute();
            await storeRecoveryCodes(trx, user.id, recoveryCodes);
            await recordAudit(trx, request, {
                action: 'mfa.enable',
                outcome: 'success',
                actor: { id: user.id, username: user.username },
            });
        });
        return { recoveryCodes };
    });
    app.post('/api/auth/mfa/disable', {
        config: sessionOnly,
        schema: {
            tags,
            summary: 'Turn MFA off; needs the password and a current code',
            body: Type.Object({ password: Password, totp: TotpCode }, closed),
        },
    }, async (request, reply) => {
        const user = await currentUser(principalOf(request).userId);
        if (user.mfa_enabled !== 1 || !user.mfa_secret) {
            throw new AppError('conflict', 'MFA is not enabled.');
        }
        await spend(services.budget, signInBudgets(user.username, request.ip));
        await spend(services.budget, codeBudgets(user.id));
        const passwordOk = await verifyPassword(user.password_hash, request.body.password);
        const secret = openSecret(masterKeys, user.mfa_secret);
        const codeOk = passwordOk && (await acceptTotp(db, user.id, secret, request.body.totp));
        if (!codeOk) {
            await recordAudit(db, request, {
                action: 'mfa.disable',
                outcome: 'failure',
                actor: { id: user.id, username: user.username },
            });
            throw new AppError(passwordOk ? 'invalid_mfa_code' : 'invalid_credentials');
        }
        await db.transaction().execute(async (trx) => {
            await trx
                .updateTable('users')
                .set({ mfa_enabled: 0, mfa_secret: null, mfa_last_step: null })
                .where('id', '=', user.id)
                .execute();
            await trx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
            await recordAudit(trx, request, {
                action: 'mfa.disable',
                outcome: 'success',
                actor: { id: user.id, username: user.username },
            });
        });
        return reply.code(204).send();
    });
};
//# sourceMappingURL=mfa.routes.js.map