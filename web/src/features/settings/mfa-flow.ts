/**
 * The steps of turning two-step verification on and off, apart from the screen: enrolment
 * shows a new secret until a code confirms it; the recovery codes are shown once, right after.
 */
export type MfaFlow =
  | { step: 'idle' }
  | { step: 'enrolling'; secret: string; otpauthUrl: string }
  | { step: 'codes'; recoveryCodes: string[] }
  | { step: 'disabling' };

export type MfaEvent =
  | { type: 'setupReady'; secret: string; otpauthUrl: string }
  | { type: 'enabled'; recoveryCodes: string[] }
  | { type: 'codesSaved' }
  | { type: 'startDisable' }
  | { type: 'disabled' }
  | { type: 'cancel' };

export const initialMfaFlow: MfaFlow = { step: 'idle' };

export function mfaFlow(state: MfaFlow, event: MfaEvent): MfaFlow {
  switch (event.type) {
    case 'setupReady':
      return state.step === 'idle'
        ? { step: 'enrolling', secret: event.secret, otpauthUrl: event.otpauthUrl }
        : state;
    case 'enabled':
      return state.step === 'enrolling'
        ? { step: 'codes', recoveryCodes: event.recoveryCodes }
        : state;
    case 'codesSaved':
      return state.step === 'codes' ? initialMfaFlow : state;
    case 'startDisable':
      return state.step === 'idle' ? { step: 'disabling' } : state;
    case 'disabled':
      return state.step === 'disabling' ? initialMfaFlow : state;
    case 'cancel':
      // The recovery codes are shown once: leaving them needs "saved", not a cancel.
      return state.step === 'codes' ? state : initialMfaFlow;
  }
}

/** A typed authenticator code as the server wants it (six digits), or null. */
export function cleanTotp(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** The secret in groups of four, easier to type into an authenticator app by hand. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** The text of the recovery-codes file offered for download. */
export function recoveryCodesFile(props: {
  codes: readonly string[];
  username: string;
  instanceName: string;
  heading: string;
  note: string;
}): string {
  return [
    `${props.heading} — ${props.instanceName} (${props.username})`,
    '',
    ...props.codes,
    '',
    props.note,
    '',
  ].join('\n');
}
