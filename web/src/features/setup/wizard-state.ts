export const WIZARD_STEPS = ['code', 'admin', 'instance', 'model', 'summary'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Steps that need the signed-in admin (after the account exists). */
export const SIGNED_IN_STEPS: readonly WizardStep[] = ['instance', 'model', 'summary'];

/**
 * What survives a reload of the wizard (sessionStorage: this tab only, gone when it closes).
 * Never a password; the setup code only until the admin exists, which is when it stops
 * meaning anything.
 */
export interface WizardState {
  step: WizardStep;
  setupCode?: string;
  username?: string;
  displayName?: string;
}

export const WIZARD_KEY = 'enclave.setup-wizard';

function isStep(value: unknown): value is WizardStep {
  return typeof value === 'string' && (WIZARD_STEPS as readonly string[]).includes(value);
}

export function loadWizardState(storage: Storage = window.sessionStorage): WizardState | null {
  try {
    const parsed = JSON.parse(storage.getItem(WIZARD_KEY) ?? 'null') as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const record = parsed as Record<string, unknown>;
    if (!isStep(record.step)) return null;
    return pick({
      step: record.step,
      setupCode: typeof record.setupCode === 'string' ? record.setupCode : undefined,
      username: typeof record.username === 'string' ? record.username : undefined,
      displayName: typeof record.displayName === 'string' ? record.displayName : undefined,
    });
  } catch {
    return null;
  }
}

/** Stores only the listed fields (whatever else a caller passes, a password included). */
export function saveWizardState(state: WizardState, storage: Storage = window.sessionStorage) {
  try {
    storage.setItem(WIZARD_KEY, JSON.stringify(pick(state)));
  } catch {
    // Storage unavailable: a reload starts the wizard over, nothing else breaks.
  }
}

export function clearWizardState(storage: Storage = window.sessionStorage) {
  try {
    storage.removeItem(WIZARD_KEY);
  } catch {
    // Nothing stored.
  }
}

function pick(state: WizardState): WizardState {
  const kept: WizardState = { step: state.step };
  // The code is of no use once the account exists; drop it from then on.
  if (state.setupCode && !SIGNED_IN_STEPS.includes(state.step)) kept.setupCode = state.setupCode;
  if (state.username) kept.username = state.username;
  if (state.displayName) kept.displayName = state.displayName;
  return kept;
}

/**
 * The step to show given what the server says: a finished setup cannot go back to the code
 * or account steps, and a setup that is not finished cannot be past them (a reset server).
 */
export function effectiveStep(
  state: WizardState | null,
  setupComplete: boolean,
): WizardStep | null {
  const step = state?.step ?? 'code';
  if (setupComplete) return SIGNED_IN_STEPS.includes(step) ? step : null;
  return SIGNED_IN_STEPS.includes(step) ? 'code' : step;
}

export function previousStep(step: WizardStep): WizardStep | null {
  const index = WIZARD_STEPS.indexOf(step);
  const previous = WIZARD_STEPS[index - 1];
  // Once the account exists, there is no way back to its steps.
  if (!previous || (SIGNED_IN_STEPS.includes(step) && !SIGNED_IN_STEPS.includes(previous))) {
    return null;
  }
  return previous;
}
