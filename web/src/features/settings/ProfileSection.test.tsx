import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/api';
import { useUser } from '../../auth/auth-context';
import { json, problem } from '../../test/fake-server';
import { clearSessionCookie, renderSignedIn, TEST_USER } from '../../test/signed-in';
import { ProfileSection } from './ProfileSection';

/** Stands in for the user menu: shows the name the auth context holds. */
function SignedInAs() {
  return <p>Signed in as {useUser().displayName}</p>;
}

function start() {
  return renderSignedIn({
    path: '/settings/profile',
    element: (
      <>
        <SignedInAs />
        <ProfileSection />
      </>
    ),
    handlers: {
      'PATCH /api/auth/me': ({ body }) => {
        const { displayName } = body as { displayName: string };
        if (displayName.length > 100) return problem(400, 'validation_failed', 'Too long.');
        return json({ ...TEST_USER, displayName });
      },
    },
  });
}

describe('<ProfileSection>', () => {
  beforeEach(() => tokens.set(null));
  afterEach(() => {
    vi.unstubAllGlobals();
    clearSessionCookie();
  });

  it('saves a new display name, toasts and updates the signed-in user', async () => {
    const { server } = start();
    const field = await screen.findByLabelText<HTMLInputElement>('Display name');
    expect(field.value).toBe('Ann Example');
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toHaveProperty('disabled', true);

    await userEvent.clear(field);
    await userEvent.type(field, '  Ann Other ');
    await userEvent.click(save);

    await screen.findByText('Your display name was saved.');
    expect(screen.getByText('Signed in as Ann Other')).toBeTruthy();
    expect(field.value).toBe('Ann Other');
    expect(server.calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([
      { displayName: 'Ann Other' },
    ]);
  });

  it('shows an empty name and a refusal next to the field without sending or changing anything', async () => {
    const { server } = start();
    const field = await screen.findByLabelText<HTMLInputElement>('Display name');
    await userEvent.clear(field);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter a display name.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(server.calls.some((c) => c.method === 'PATCH')).toBe(false);

    field.removeAttribute('maxlength');
    await userEvent.type(field, 'x'.repeat(101));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Too long.')).toBeTruthy();
    expect(screen.getByText('Signed in as Ann Example')).toBeTruthy();
  });
});
