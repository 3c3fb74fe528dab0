import { Type } from '@sinclair/typebox';
import { constantTimeEqual } from '../../platform/crypto/hashing.js';
import { AppError } from '../../platform/http/errors.js';
import { LANGUAGES } from '../../config/config.schema.js';
import { StringEnum } from '../../platform/schema.js';
import { readSettingValues } from '../admin/settings.js';
import { recordAudit } from '../audit/audit.js';
import { spend, signInBudgets } from '../auth/attempt-budget.js';
import { LoginResponse, Password, TokenTransportHeaders, Username } from '../auth/auth.schema.js';
import { deliverTokenPair, requestedTransport } from '../auth/session-cookies.js';
import { createAndSignIn } from '../users/create-and-sign-in.js';
import { presentUser, UserSchema } from '../users/user.presenter.js';
import { countUsers } from '../users/users.queries.js';
import { readSetupCode, removeSetupCode } from './setup-code.js';
const SETUP_DONE_KEY = 'setup.completedAt';
const SetupBody = Type.Object({
    setupCode: Type.String({ minLength: 1, maxLength: 64 }),
    username: Username,
    password: Password,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
}, { additionalProperties: false });
/** The sign-in answer, with the user first (as it always was). */
const SetupResponse = Type.Object({
    user: UserSchema,
    accessToken: LoginResponse.properties.accessToken,
    refreshToken: LoginResponse.properties.refreshToken,
    expiresIn: LoginResponse.properties.expiresIn,
});
export const setupRoutes = async (app, { services, dataDir, fixedSettings }) => {
    const { db } = services;
    const tags = ['setup'];
    app.get('/api/setup/status', {
        config: { auth: false },
        schema: {
            tags,
            summary: 'Whether the first admin exists, and what the sign-in page shows',
            description: 'Public, so the sign-in page can show the instance name in its language before anyone signs in.',
            response: {
                200: Type.Object({
                    setupComplete: Type.Boolean(),
                    instanceName: Type.String(),
                    language: StringEnum(LANGUAGES),
                }),
            },
        },
    }, async () => {
        const [users, settings] = await Promise.all([
            countUsers(db),
            readSettingValues(db, fixedSettings),
        ]);
        return {
            setupComplete: users > 0,
            instanceName: settings.instanceName,
            language: settings.language,
        };
    });
    app.post('/api/setup', {
        config: { auth: false },
        schema: {
            tags,
            summary: 'Create the first admin with the one-time setup code',
            headers: TokenTransportHeaders,
            body: SetupBody,
            response: { 201: SetupResponse },
        },
    }, async (request, reply) => {
        const { body } = request;
        // Guesses at the code are charged like password guesses, per address.
        await spend(services.budget, signInBudgets('setup', request.ip));
        if ((await countUsers(db)) > 0)
            throw new AppError('setup_complete');
        const expected = readSetupCode(dataDir);
        if (!expected || !constantTimeEqual(body.setupCode.trim().toUpperCase(), expected)) {
            await recordAudit(db, request, {
                action: 'setup',
                outcome: 'failure',
                details: { reason: 'invalid setup code' },
            });
            throw new AppError('invalid_setup_code');
        }
        const created = await db
            .transaction()
            .execute(async (trx) => {
            // The settings key is the lock: of concurrent setups only one can insert it.
            await trx
                .insertInto('settings')
                .values({ key: SETUP_DONE_KEY, value: JSON.stringify(new Date().toISOString()) })
                .execute();
            return createAndSignIn(trx, {
                tokens: services.tokens,
                input: {
                    username: body.username,
                    password: body.password,
                    displayName: body.displayName,
                    role: 'admin',
                },
                action: 'setup',
                request,
            });
        })
            .catch(async (error) => {
            if (error instanceof AppError)
                throw error;
            if ((await countUsers(db)) > 0)
                throw new AppError('setup_complete');
            throw error;
        });
        removeSetupCode(dataDir);
        const tokens = deliverTokenPair(request, reply, created.pair, requestedTransport(request));
        return reply.code(201).send({ user: presentUser(created.user), ...tokens });
    });
};
//# sourceMappingURL=setup.routes.js.map