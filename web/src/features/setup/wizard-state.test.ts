import { describe, expect, it } from 'vitest';
import {
  effectiveStep,
  loadWizardState,
  previousStep,
  saveWizardState,
  WIZARD_KEY,
  type WizardState,
} from './wizard-state';

describe('the wizard state', () => {
  it('comes back after a reload at the step it was left on', () => {
    saveWizardState({ step: 'admin', setupCode: 'ABCD-EFGH', username: 'root' });
    expect(loadWizardState()).toEqual({ step: 'admin', setupCode: 'ABCD-EFGH', username: 'root' });
  });

  it('never stores a password, whatever the caller passes', () => {
    const withPassword = { step: 'admin', password: 'correct horse battery' } as WizardState;
    saveWizardState(withPassword);
    expect(window.sessionStorage.getItem(WIZARD_KEY)).not.toContain('correct horse');
  });

  it('drops the setup code once the admin exists', () => {
    saveWizardState({ step: 'instance', setupCode: 'ABCD-EFGH', username: 'root' });
    expect(window.sessionStorage.getItem(WIZARD_KEY)).not.toContain('ABCD');
    expect(loadWizardState()).toEqual({ step: 'instance', username: 'root' });
  });

  it('ignores what it cannot read', () => {
    window.sessionStorage.setItem(WIZARD_KEY, '{"step":"nowhere"}');
    expect(loadWizardState()).toBeNull();
    window.sessionStorage.setItem(WIZARD_KEY, 'not json');
    expect(loadWizardState()).toBeNull();
  });
});

describe('the step to show', () => {
  it('starts at the code on a new install', () => {
    expect(effectiveStep(null, false)).toBe('code');
  });

  it('resumes a signed-in step after setup completed', () => {
    expect(effectiveStep({ step: 'model' }, true)).toBe('model');
  });

  it('leaves the wizard when setup is complete and no signed-in step is pending', () => {
    expect(effectiveStep(null, true)).toBeNull();
    expect(effectiveStep({ step: 'admin' }, true)).toBeNull();
  });

  it('starts over when the server has no admin but the state is past the account', () => {
    expect(effectiveStep({ step: 'summary' }, false)).toBe('code');
  });

  it('never goes back from the signed-in steps to the account steps', () => {
    expect(previousStep('admin')).toBe('code');
    expect(previousStep('model')).toBe('instance');
    expect(previousStep('instance')).toBeNull();
    expect(previousStep('code')).toBeNull();
  });
});
