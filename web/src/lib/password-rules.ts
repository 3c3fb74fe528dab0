/** The password policy the server enforces that can be checked as the user types. */
export const MIN_PASSWORD_LENGTH = 12;

export type PasswordRule = 'length' | 'notUsername';

export interface PasswordRuleResult {
  rule: PasswordRule;
  met: boolean;
}

/**
 * Each rule and whether the password meets it. (The server also refuses common passwords;
 * that list is not shipped to the browser, so its answer is shown when it refuses.)
 */
export function checkPasswordRules(password: string, username: string): PasswordRuleResult[] {
  return [
    { rule: 'length', met: [...password].length >= MIN_PASSWORD_LENGTH },
    { rule: 'notUsername', met: password.length > 0 && !resemblesUsername(password, username) },
  ];
}

/** As the server judges it: the username itself, or the username with little around it. */
function resemblesUsername(password: string, username: string): boolean {
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name === '') return false;
  return (
    lower === name ||
    (lower.includes(name) && name.length >= 4 && lower.replace(name, '').length < 6)
  );
}

export function passwordMeetsRules(password: string, username: string): boolean {
  return checkPasswordRules(password, username).every((result) => result.met);
}
