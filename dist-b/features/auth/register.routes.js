import { Type } from '@sinclair/typebox';
import { registerUser } from '../users/register-user.js';
import { presentUser } from '../users/user.presenter.js';
import { DisplayName } from '../users/users.schema.js';
import { signInBudgets, spend } from './attempt-budget.js';
import { LoginResponse, Password, TokenTransportHeaders, Username } from './auth.schema.js';
import { deliverTokenPair, requestedTransport } from './session-cookies.js';
const RegisterBody = Type.Object({ username: Username, password: Password, displayName: Type.Optional(DisplayName) }, { additionalProperties: false });
/** Self-service sign-up, open only when an admin (or the environment) opens registration. */
export const registerRoutes = async (app, { services, config }) => {
    app.post('/api/auth/register', {
        config: { auth: false },
        schema: {
            tags: ['auth'],
            summary: 'Create a user account and sign in (only while registration is open)',
            headers: TokenTransportHeaders,
            body: RegisterBody,
            response: { 201: LoginResponse },
        },
    }, async (request, reply) => {
        // Charged per address like password guesses, and never refunded: each success is an
        // account, and mass sign-up is what this limits.
        await spend(services.budget, signInBudgets('register', request.ip));
        const { user, pair } = await registerUser({
            services,
            fixed: config.fixedSettings,
            input: request.body,
            request,
        });
        const tokens = deliverTokenPair(request, reply, pair, requestedTransport(request));
        return reply.code(201).send({ ...tokens, user: presentUser(user) });
    });
};
//# sourceMappingURL=register.routes.js.map