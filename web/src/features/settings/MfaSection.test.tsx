import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/api';
import { json, problem } from '../../test/fake-server';
import { clearSessionCookie, renderSignedIn, TEST_USER } from '../../test/signed-in';
import { MfaSection } from './MfaSection';

const SECRET = 'JBSWY3DPEHPK3PXP';
const CODES = Array.from({ length: 10 }, (_, i) => `code${i}-aaaaa`);

function start() {
  let enabled = false;
  const { server } = renderSignedIn({
    path: '/settings/security',
    element: <MfaSection />,
    me: () => ({ ...TEST_USER, mfaEnabled: enabled }),
    handlers: {
      'POST /api/auth/mfa/setup': () =>
        json({ secret: SECRET, otpauthUrl: `otpauth://totp/Enclave:ann?secret=${SECRET}` }),
      'POST /api/auth/mfa/enable': ({ body }) => {
        if ((body as { totp: string }).totp !== '123456') return problem(401, 'invalid_mfa_code');
        enabled = true;
        return json({ recoveryCodes: CODES });
      },
      'POST /api/auth/mfa/disable': ({ body }) => {
        const { password, totp } = body as { password: string; totp: string };
        if (password !== 'the password') return problem(401, 'invalid_credentials');
        if (totp !== '654321') return problem(401, 'invalid_mfa_code');
        enabled = false;
        return new Response(null, { status: 204 });
      },
    },
  });
  return server;
}

describe('<MfaSection>', () => {
  beforeEach(() => tokens.set(null));
  afterEach(() => {
    vi.unstubAllGlobals();
    clearSessionCookie();
  });

  it('enrols: QR code and key, a wrong code refused, then recovery codes shown once', async () => {
    const server = start();
    await userEvent.click(await screen.findByRole('button', { name: 'Turn on' }));

    const heading = await screen.findByRole('heading', { name: '1. Scan the QR code' });
    expect(document.activeElement).toBe(heading);
    const qr = await screen.findByRole('img', { name: /QR code that adds ann/ });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByLabelText<HTMLInputElement>('Or enter this key by hand').value).toBe(
      'JBSW Y3DP EHPK 3PXP',
    );

    const code = screen.getByLabelText('Authentication code');
    const confirm = screen.getByRole('button', { name: 'Turn on two-step verification' });
    expect(confirm).toHaveProperty('disabled', true);
    await userEvent.type(code, '000000');
    await userEvent.click(confirm);
    expect((await screen.findByRole('alert')).textContent).toMatch(/This code is not valid/);

    await userEvent.type(code, '123 456');
    await userEvent.click(confirm);
    await screen.findByRole('heading', { name: 'Save your recovery codes' });
    const list = screen.getByRole('list', { name: 'Recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(CODES);
    expect(server.calls.filter((c) => c.path === '/api/auth/mfa/enable').at(-1)?.body).toEqual({
      totp: '123456',
    });

    await userEvent.click(screen.getByRole('button', { name: 'I have saved them' }));
    await screen.findByText('On: sign-in asks for a code from your authenticator app.');
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).toBeNull();
    // Focus lands on the next action, not on the page.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Turn off' }));
  });

  it('turns off with the password and a code, saying which one was wrong', async () => {
    renderSignedIn({
      path: '/settings/security',
      element: <MfaSection />,
      me: () => ({ ...TEST_USER, mfaEnabled: true }),
      handlers: {
        'POST /api/auth/mfa/disable': ({ body }) =>
          (body as { password: string }).password === 'the password'
            ? new Response(null, { status: 204 })
            : problem(401, 'invalid_credentials'),
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Turn off' }));
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.type(screen.getByLabelText('Authentication code'), '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The password is wrong.');

    await userEvent.clear(screen.getByLabelText('Password'));
    await userEvent.type(screen.getByLabelText('Password'), 'the password');
    await userEvent.type(screen.getByLabelText('Authentication code'), '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByText('Two-step verification is off.')).toBeTruthy();
  });
});
