import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/api';
import { json, problem } from '../../test/fake-server';
import { clearSessionCookie, renderSignedIn, TEST_USER } from '../../test/signed-in';
import { StatusPage } from './StatusPage';
import type { StatusLevel, StatusReport } from './status-summary';

function report(upstream: StatusLevel): StatusReport {
  return {
    status: upstream,
    checkedAt: '2026-11-30T14:51:12.103Z',
    version: '0.1.0',
    uptimeSeconds: 90_061,
    checks: [
      {
        name: 'database',
        kind: 'database',
        status: 'green',
        summary: 'SQLite answers in 0.7 ms',
        details: { dialect: 'sqlite', latencyMs: 0.7 },
      },
      {
        name: 'upstream:ollama',
        kind: 'upstream',
        status: upstream,
        summary:
          upstream === 'red' ? 'Ollama: does not answer' : 'Ollama: 2 models, listed in 4 ms',
        details: {
          providerName: 'Ollama',
          providerKind: 'ollama',
          baseUrl: 'http://127.0.0.1:11434',
          breaker: 'closed',
          models: upstream === 'red' ? null : 2,
          latencyMs: 4,
          lastErrorCode: null,
          lastErrorAt: null,
        },
      },
    ],
  };
}

describe('<StatusPage>', () => {
  beforeEach(() => tokens.set(null));
  afterEach(() => {
    vi.unstubAllGlobals();
    clearSessionCookie();
  });

  it('shows each check with an icon and a word, and refreshes on demand', async () => {
    const answers = [report('red'), report('green')];
    renderSignedIn({
      path: '/admin/status',
      element: <StatusPage />,
      me: () => ({ ...TEST_USER, role: 'admin' }),
      handlers: { 'GET /api/admin/status': () => json(answers.shift() ?? report('green')) },
    });

    const upstream = await screen.findByRole('listitem', { name: 'Model provider: Ollama' });
    expect(within(upstream).getByText('Failing')).toBeTruthy();
    expect(within(upstream).getByText('No answer')).toBeTruthy();
    expect(within(upstream).getByText('Closed (normal)')).toBeTruthy();
    expect(screen.getByText('Something does not work')).toBeTruthy();
    // Worst first: the failing provider comes before the database.
    const checks = within(screen.getByRole('list', { name: 'Checks' })).getAllByRole('listitem');
    expect(checks[0]).toBe(upstream);
    expect(screen.getByText('1 day 1 hour')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await screen.findByText('Everything works');
    const healthy = screen.getByRole('listitem', { name: 'Model provider: Ollama' });
    expect(within(healthy).getByText('OK')).toBeTruthy();
    expect(within(healthy).getByText('2 models')).toBeTruthy();
  });

  it('keeps the last answer and says so when a refresh fails', async () => {
    let fail = false;
    renderSignedIn({
      path: '/admin/status',
      element: <StatusPage />,
      me: () => ({ ...TEST_USER, role: 'admin' }),
      handlers: {
        'GET /api/admin/status': () => (fail ? problem(503, 'overloaded') : json(report('green'))),
      },
    });
    await screen.findByText('Everything works');
    fail = true;
    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /could not be refreshed \(The server is busy/,
    );
    expect(screen.getByText('Everything works')).toBeTruthy();
  });
});
