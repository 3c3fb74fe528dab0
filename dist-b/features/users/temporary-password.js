import { randomInt } from 'node:crypto';
import { passwordProblem } from '../auth/passwords.js';
// Lower case without 0/o, 1/i/l: easy to read out or type from a note, 31 symbols.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 5;
/**
 * A one-time password an admin hands over, to be replaced at the next sign-in: four groups of
 * five random symbols (about 99 bits), such as `k7mq2-x9ftc-…`.
 */
export function temporaryPassword(username) {
    for (;;) {
        const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
        const candidate = groups.join('-');
        // Practically always passes; checked so the policy holds even for odd usernames.
        if (!passwordProblem(candidate, username))
            return candidate;
    }
}
//# sourceMappingURL=temporary-password.js.map