import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/api';
import type { Provider } from '../../api/types';
import { json } from '../../test/fake-server';
import { clearSessionCookie, renderSignedIn, TEST_USER } from '../../test/signed-in';
import { ProvidersPage } from './ProvidersPage';

const LAB: Provider = {
  id: 'p-lab',
  name: 'Lab GPU',
  kind: 'openai',
  baseUrl: 'http://10.0.0.5:8000/v1',
  hasApiKey: true,
  enabled: true,
  concurrency: 4,
  locked: false,
  source: 'admin',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: null,
};
const OLLAMA: Provider = {
  ...LAB,
  id: 'ollama',
  name: 'Ollama',
  kind: 'ollama',
  baseUrl: 'http://127.0.0.1:11434',
  hasApiKey: false,
  locked: true,
  source: 'environment',
};

function start() {
  const { server } = renderSignedIn({
    path: '/admin/providers',
    element: <ProvidersPage />,
    me: () => ({ ...TEST_USER, role: 'admin' }),
    handlers: {
      'GET /api/admin/providers': () => json({ items: [OLLAMA, LAB], nextCursor: null }),
      'PATCH /api/admin/providers/p-lab': ({ body }) => json({ ...LAB, ...(body as object) }),
    },
  });
  return server;
}

async function openEdit() {
  await userEvent.click(await screen.findByRole('button', { name: 'Edit Lab GPU' }));
  return screen.findByRole('dialog', { name: 'Edit the provider Lab GPU' });
}

const sent = (server: ReturnType<typeof start>) =>
  server.calls.filter((c) => c.method === 'PATCH').map((c) => c.body);

describe('<EditProviderDialog>', () => {
  // jsdom has no modal dialogs: open and close just toggle the attribute.
  beforeAll(() => {
    if ('showModal' in HTMLDialogElement.prototype) return;
    Object.assign(HTMLDialogElement.prototype, {
      showModal(this: HTMLDialogElement) {
        this.open = true;
      },
      close(this: HTMLDialogElement) {
        this.open = false;
        this.dispatchEvent(new Event('close'));
      },
    });
  });
  beforeEach(() => tokens.set(null));
  afterEach(() => {
    vi.unstubAllGlobals();
    clearSessionCookie();
  });

  it('offers no edit for a provider from the environment', async () => {
    start();
    await screen.findByRole('button', { name: 'Edit Lab GPU' });
    expect(screen.queryByRole('button', { name: 'Edit Ollama' })).toBeNull();
  });

  it('sends only what changed, without an apiKey field when the key was left alone', async () => {
    const server = start();
    const dialog = await openEdit();
    const name = within(dialog).getByLabelText<HTMLInputElement>('Name');
    expect(name.value).toBe('Lab GPU');
    expect(within(dialog).getByLabelText<HTMLInputElement>('New API key').value).toBe('');
    await userEvent.clear(name);
    await userEvent.type(name, 'Lab GPU 2');
    const concurrency = within(dialog).getByLabelText('Calls at once');
    await userEvent.clear(concurrency);
    await userEvent.type(concurrency, '8');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await screen.findByText('Provider Lab GPU 2 saved.');
    expect(sent(server)).toEqual([{ name: 'Lab GPU 2', concurrency: 8 }]);
  });

  it('sends a new key when one is typed, and apiKey null when the stored one is removed', async () => {
    const server = start();
    let dialog = await openEdit();
    await userEvent.type(within(dialog).getByLabelText('New API key'), ' sk-new ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Provider Lab GPU saved.');

    dialog = await openEdit();
    await userEvent.click(within(dialog).getByLabelText('Remove the stored API key'));
    expect(within(dialog).getByLabelText('New API key')).toHaveProperty('disabled', true);
    const concurrency = within(dialog).getByLabelText('Calls at once');
    await userEvent.clear(concurrency);
    await userEvent.type(concurrency, '0');
    expect(within(dialog).getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
    await userEvent.clear(concurrency);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await vi.waitFor(() => expect(sent(server)).toHaveLength(2));
    expect(sent(server)).toEqual([{ apiKey: 'sk-new' }, { apiKey: null, concurrency: null }]);
  });
});
