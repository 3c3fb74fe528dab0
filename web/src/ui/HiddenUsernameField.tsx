/** A hidden username input that lets password managers file a password under the right account. */
export function HiddenUsernameField({ username }: { username: string }) {
  return (
    <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
  );
}
