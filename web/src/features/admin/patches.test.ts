import { describe, expect, it } from 'vitest';
import type { InstanceSettings } from '../../api/types';
import type { AdminUser } from './admin-api';
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
