import { Type } from '@sinclair/typebox';
import { UserSchema } from '../users/user.presenter.js';
import { DisplayName } from '../users/users.schema.js';
import { MAX_PASSWORD_LENGTH } from './passwords.js';
const closed = { additionalProperties: false };
export const Username = Type.String({
    minLength: 3,
    maxLength: 64,
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
    description: 'letters, digits, dot, dash and underscore; compared without case',
});
/** Length is checked by the password policy, with a clearer message than the schema's. */
export const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$' });
export const RecoveryCode = Type.String({ minLength: 8, maxLength: 32 });
export const LoginBody = Type.Object({
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Password,
    totp: Type.Optional(TotpCode),
    recoveryCode: Type.Optional(RecoveryCode),
}, closed);
const RefreshTokenField = Type.Optional(Type.String({
    description: 'single use; absent when the request asked for the cookie transport (it is then in the `enclave_refresh` cookie)',
}));
export const TokenPairSchema = Type.Object({
    accessToken: Type.String(),
    refreshToken: RefreshTokenField,
    expiresIn: Type.Integer({ description: 'seconds the access token lives' }),
});
export const LoginResponse = Type.Object({
    accessToken: Type.String(),
    refreshToken: RefreshTokenField,
    expiresIn: Type.Integer(),
    user: UserSchema,
});
const TransportHeader = Type.Optional(Type.String({
    maxLength: 32,
    description: '`cookie`: the refresh token comes back as the httpOnly `enclave_refresh` cookie (with an `enclave_csrf` cookie), not in the body',
}));
/** Headers of every route that issues a token pair. */
export const TokenTransportHeaders = Type.Object({
    'x-enclave-refresh-transport': TransportHeader,
});
export const RefreshHeaders = Type.Object({
    'x-enclave-refresh-transport': TransportHeader,
    'x-csrf-token': Type.Optional(Type.String({
        maxLength: 256,
        description: 'the value of the `enclave_csrf` cookie; required when the refresh cookie is used',
    })),
});
/** Without `refreshToken` (or with no body at all), the `enclave_refresh` cookie is used. */
export const RefreshBody = Type.Object({ refreshToken: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })) }, closed);
export const PasswordChangeBody = Type.Object({ currentPassword: Password, newPassword: Password }, closed);
/** What people may change about themselves: for now only the name others see. */
export const ProfileChangeBody = Type.Object({ displayName: DisplayName }, closed);
export const SessionSchema = Type.Object({
    id: Type.String(),
    createdAt: Type.String(),
    lastUsedAt: Type.String(),
    expiresAt: Type.String(),
    clientAddress: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    current: Type.Boolean(),
});
export const SessionList = Type.Object({
    items: Type.Array(SessionSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, closed);
//# sourceMappingURL=auth.schema.js.map