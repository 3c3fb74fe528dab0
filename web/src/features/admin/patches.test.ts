import { describe, expect, it } from 'vitest';
import type { InstanceSettings, Provider } from '../../api/types';
import type { AdminUser } from './admin-api';
import { concurrencyValid, providerPatch } from './provider-patch';
import { settingsPatch } from './settings-patch';
import { userPatch } from './user-patch';

const SETTINGS: InstanceSettings = {
  registrationOpen: { value: false, locked: false },
  instanceName: { value: 'Lab', locked: false },
  defaultModel: { value: null, locked: true },
  language: { value: 'en', locked: false },
};
const FORM = {
  registrationOpen: false,
  instanceName: 'Lab',
  language: 'en',
  defaultModel: null,
} as const;

describe('settingsPatch', () => {
  it('is null when nothing changed', () => {
    expect(settingsPatch(SETTINGS, { ...FORM })).toBeNull();
  });

  it('holds the changed settings only, the name trimmed', () => {
    expect(
      settingsPatch(SETTINGS, { ...FORM, registrationOpen: true, instanceName: ' Lab 2 ' }),
    ).toEqual({ registrationOpen: true, instanceName: 'Lab 2' });
  });

  it('never sends a setting the environment fixes', () => {
    expect(settingsPatch(SETTINGS, { ...FORM, defaultModel: 'sim-small' })).toBeNull();
  });
});

const USER: AdminUser = {
  id: 'u2',
  username: 'mia',
  displayName: 'Mia',
  role: 'user',
  mfaEnabled: false,
  mustChangePassword: false,
  disabled: false,
  createdAt: '2026-01-01T00:00:00Z',
};

describe('userPatch', () => {
  it('holds only what changed', () => {
    expect(userPatch(USER, { displayName: 'Mia', role: 'user', disabled: false })).toBeNull();
    expect(userPatch(USER, { displayName: ' Mia M. ', role: 'admin', disabled: true })).toEqual({
      displayName: 'Mia M.',
      role: 'admin',
      disabled: true,
    });
  });

  it('does not blank a display name', () => {
    expect(userPatch(USER, { displayName: '  ', role: 'user', disabled: false })).toBeNull();
  });
});

const PROVIDER: Provider = {
  id: 'p1',
  name: 'Lab',
  kind: 'openai',
  baseUrl: 'https://user:***@lab.example/v1',
  hasApiKey: true,
  enabled: true,
  concurrency: 4,
  locked: false,
  source: 'admin',
  createdAt: null,
  updatedAt: null,
};
const PROVIDER_FORM = {
  name: 'Lab',
  kind: 'openai',
  baseUrl: 'https://user:***@lab.example/v1',
  apiKey: '',
  clearApiKey: false,
  concurrency: '4',
} as const;

describe('providerPatch', () => {
  it('is null when nothing changed, so a masked address is never written back', () => {
    expect(providerPatch(PROVIDER, { ...PROVIDER_FORM })).toBeNull();
  });

  it('sends a typed key over a removal, and null only to remove a stored key', () => {
    expect(providerPatch(PROVIDER, { ...PROVIDER_FORM, apiKey: ' k ', clearApiKey: true })).toEqual(
      { apiKey: 'k' },
    );
    expect(providerPatch(PROVIDER, { ...PROVIDER_FORM, clearApiKey: true })).toEqual({
      apiKey: null,
    });
    expect(
      providerPatch({ ...PROVIDER, hasApiKey: false }, { ...PROVIDER_FORM, clearApiKey: true }),
    ).toBeNull();
  });

  it('reads an empty concurrency as the default and accepts 1 to 1000 only', () => {
    expect(providerPatch(PROVIDER, { ...PROVIDER_FORM, concurrency: '' })).toEqual({
      concurrency: null,
    });
    expect(['', '1', '1000'].every(concurrencyValid)).toBe(true);
    expect(['0', '1001', '2.5', 'x'].some(concurrencyValid)).toBe(false);
  });
});
