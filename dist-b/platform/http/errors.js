import { Type } from '@sinclair/typebox';
/**
 * The closed catalog of error codes a client can receive. Each has one status and one public
 * title; the detail may add specifics, never internals.
 */
export const ERROR_CATALOG = {
    validation_failed: { status: 400, title: 'The request is not valid' },
    malformed_json: { status: 400, title: 'The request body is not valid JSON' },
    bad_request: { status: 400, title: 'The request cannot be processed' },
    weak_password: { status: 400, title: 'The password does not meet the password policy' },
    unauthorized: { status: 401, title: 'Authentication is required' },
    invalid_token: { status: 401, title: 'The access token is not valid' },
    invalid_credentials: { status: 401, title: 'Wrong username or password' },
    mfa_required: { status: 401, title: 'A TOTP or recovery code is required' },
    invalid_mfa_code: { status: 401, title: 'The TOTP or recovery code is not valid' },
    invalid_refresh_token: { status: 401, title: 'The refresh token is not valid' },
    refresh_token_reused: {
        status: 401,
        title: 'The refresh token was already used; the session is revoked',
    },
    forbidden: { status: 403, title: 'Not allowed' },
    csrf_failed: { status: 403, title: 'The request lacks a valid CSRF token' },
    insufficient_scope: { status: 403, title: 'The API key lacks the scope this needs' },
    password_change_required: { status: 403, title: 'The password must be changed first' },
    account_disabled: { status: 403, title: 'The account is disabled' },
    invalid_setup_code: { status: 403, title: 'The setup code is not valid' },
    setup_complete: { status: 403, title: 'Setup is already complete' },
    registration_closed: { status: 403, title: 'Registration is closed' },
    unknown_model: { status: 400, title: 'No configured upstream offers this model' },
    no_model: { status: 400, title: 'No model was chosen and no default model is set' },
    not_found: { status: 404, title: 'Not found' },
    method_not_allowed: { status: 405, title: 'Method not allowed' },
    conflict: { status: 409, title: 'Conflict' },
    username_taken: { status: 409, title: 'The username is taken' },
    last_admin: { status: 409, title: 'The last admin cannot be removed, disabled or demoted' },
    payload_too_large: { status: 413, title: 'The request body is too large' },
    unsupported_media_type: { status: 415, title: 'Unsupported content type' },
    rate_limited: { status: 429, title: 'Too many requests' },
    internal_error: { status: 500, title: 'Internal server error' },
    upstream_error: { status: 502, title: 'The model upstream answered with an error' },
    upstream_unavailable: { status: 503, title: 'The model upstream is unavailable' },
    upstream_timeout: { status: 504, title: 'The model upstream did not answer in time' },
    overloaded: { status: 503, title: 'The server is overloaded' },
    service_unavailable: { status: 503, title: 'Service unavailable' },
};
/** An error meant for the client: its code, status and detail are public; its cause is not. */
export class AppError extends Error {
    code;
    statusCode;
    detail;
    extra;
    /** Response headers that go with the error, such as Retry-After. */
    headers;
    constructor(code, detail, options = {}) {
        super(detail ?? ERROR_CATALOG[code].title, { cause: options.cause });
        this.name = 'AppError';
        this.code = code;
        this.statusCode = ERROR_CATALOG[code].status;
        this.detail = detail ?? ERROR_CATALOG[code].title;
        this.extra = options.extra ?? {};
        this.headers = options.headers ?? {};
    }
}
/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = Type.Object({
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
}, { $id: 'Problem', description: 'RFC 9457 problem details' });
export function problemOf(code, requestId, detail, extra = {}) {
    const entry = ERROR_CATALOG[code];
    return {
        type: `urn:enclave:problem:${code}`,
        title: entry.title,
        status: entry.status,
        detail: detail ?? entry.title,
        code,
        requestId,
        ...extra,
    };
}
//# sourceMappingURL=errors.js.map