import { describe, expect, it } from 'vitest';
import {
  cleanTotp,
  groupSecret,
  initialMfaFlow,
  mfaFlow,
  recoveryCodesFile,
  type MfaEvent,
  type MfaFlow,
} from './mfa-flow';

const run = (events: MfaEvent[], from: MfaFlow = initialMfaFlow) => events.reduce(mfaFlow, from);
const ready: MfaEvent = { type: 'setupReady', secret: 'ABCD', otpauthUrl: 'otpauth://x' };

describe('the MFA flow', () => {
  it('goes from the new secret to the recovery codes, and back to rest once they are saved', () => {
    expect(run([ready])).toEqual({ step: 'enrolling', secret: 'ABCD', otpauthUrl: 'otpauth://x' });
    expect(run([ready, { type: 'enabled', recoveryCodes: ['a', 'b'] }])).toEqual({
      step: 'codes',
      recoveryCodes: ['a', 'b'],
    });
    expect(run([ready, { type: 'enabled', recoveryCodes: ['a'] }, { type: 'codesSaved' }])).toEqual(
      initialMfaFlow,
    );
  });

  it('keeps the recovery codes on screen when asked to cancel (they are shown only once)', () => {
    const codes = run([ready, { type: 'enabled', recoveryCodes: ['a'] }]);
    expect(mfaFlow(codes, { type: 'cancel' })).toBe(codes);
  });

  it('drops an unconfirmed secret on cancel', () => {
    expect(run([ready, { type: 'cancel' }])).toEqual(initialMfaFlow);
  });

  it('ignores events that do not fit the step (a late answer after a cancel)', () => {
    expect(run([{ type: 'enabled', recoveryCodes: ['a'] }])).toEqual(initialMfaFlow);
    expect(run([ready, { type: 'startDisable' }])).toMatchObject({ step: 'enrolling' });
    expect(run([{ type: 'disabled' }])).toEqual(initialMfaFlow);
  });

  it('turns off through the disabling step', () => {
    expect(run([{ type: 'startDisable' }])).toEqual({ step: 'disabling' });
    expect(run([{ type: 'startDisable' }, { type: 'disabled' }])).toEqual(initialMfaFlow);
  });
});

describe('MFA helpers', () => {
  it('accepts six digits with spaces or a dash, and nothing else', () => {
    expect(cleanTotp('123456')).toBe('123456');
    expect(cleanTotp(' 123 456 ')).toBe('123456');
    expect(cleanTotp('123-456')).toBe('123456');
    expect(cleanTotp('12345')).toBeNull();
    expect(cleanTotp('12345a')).toBeNull();
  });

  it('groups the secret by four for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPX')).toBe('JBSW Y3DP EHPK 3PXP X');
  });

  it('writes the recovery codes one per line under a heading', () => {
    const file = recoveryCodesFile({
      codes: ['aaaaa-bbbbb', 'ccccc-ddddd'],
      username: 'ann',
      instanceName: 'Lab',
      heading: 'Recovery codes',
      note: 'Keep private.',
    });
    expect(file.split('\n')).toEqual([
      'Recovery codes — Lab (ann)',
      '',
      'aaaaa-bbbbb',
      'ccccc-ddddd',
      '',
      'Keep private.',
      '',
    ]);
  });
});
