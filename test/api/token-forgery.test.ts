import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, bearer, me, setUpAdmin, type Signed } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dialect } from '../support/test-env.js';

let t: TestApp;
let admin: Signed;
let user: Signed;
beforeAll(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t);
  user = await addUser(t, 'forger');
});
afterAll(() => t.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

function forgeries(): Record<string, string> {
  const [header = '', payload = ''] = admin.accessToken.split('.');
  const realHeader = decode(header);
  const claims = decode(payload);
  const now = Math.floor(Date.now() / 1000);
  const key = t.secrets.signingKeys[0];
  if (!key) throw new Error('no signing key');
  const signWith = (privateKeyPem: string, kid: string, extra: Record<string, unknown>) =>
    createSigner({ key: privateKeyPem, algorithm: 'EdDSA', kid, noTimestamp: true })({
      ...claims,
      ...extra,
    });
  const stranger = generateKeyPairSync('ed25519')
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  const hsHeader = b64({ alg: 'HS256', typ: 'JWT', kid: realHeader.kid });
  const hsBody = b64(claims);
  const [userHeader = '', userPayload = '', userSignature = ''] = user.accessToken.split('.');
  return {
    'alg none': `${b64({ alg: 'none', typ: 'JWT', kid: realHeader.kid })}.${b64(claims)}.`,
    'HS256 signed with the public key': `${hsHeader}.${hsBody}.${createHmac(
      'sha256',
      key.publicKeyPem,
    )
      .update(`${hsHeader}.${hsBody}`)
      .digest('base64url')}`,
    'a tampered payload (user made admin)': `${userHeader}.${b64({
      ...decode(userPayload),
      role: 'admin',
    })}.${userSignature}`,
    'an unknown kid': signWith(stranger, 'unknown-kid', {}),
    'a foreign key under the real kid': signWith(stranger, key.kid, {}),
    expired: signWith(key.privateKeyPem, key.kid, { iat: now - 3600, exp: now - 60 }),
    'not yet valid': signWith(key.privateKeyPem, key.kid, { nbf: now + 600, exp: now + 1200 }),
    'issued in the future': signWith(key.privateKeyPem, key.kid, {
      iat: now + 600,
      exp: now + 1200,
    }),
    'another audience': signWith(key.privateKeyPem, key.kid, { aud: 'someone-else' }),
    'a refresh token': admin.refreshToken,
    garbage: 'a.b.c',
  };
}

describe(`forged and misused access tokens (${dialect})`, () => {
  it('the genuine token works, so the refusals below are the forgery’s doing', async () => {
    expect((await me(t, admin.accessToken)).statusCode).toBe(200);
  });

  it('there are protected routes to attack', () => {
    expect(t.app.guardedRoutes.length).toBeGreaterThan(10);
  });

  it.each([
    'alg none',
    'HS256 signed with the public key',
    'a tampered payload (user made admin)',
    'an unknown kid',
    'a foreign key under the real kid',
    'expired',
    'not yet valid',
    'issued in the future',
    'another audience',
    'a refresh token',
    'garbage',
  ])('%s is refused with 401 on every protected route', async (name) => {
    const token = forgeries()[name];
    expect(token).toBeDefined();
    for (const route of t.app.guardedRoutes) {
      const url = route.url.replace(/:[A-Za-z]+/g, '01934f6a-0000-7000-8000-000000000000');
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers: bearer(token ?? ''),
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
