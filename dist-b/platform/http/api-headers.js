// No imports: bench/servers/fastify-contract-headers.mjs sends these same headers from dist/.
/** What every answer gets; the CSP allows nothing, since an API answer is no page. */
export const API_HEADERS = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    // Superseded by frame-ancestors, but browsers without CSP level 2 still read it.
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
};
//# sourceMappingURL=api-headers.js.map