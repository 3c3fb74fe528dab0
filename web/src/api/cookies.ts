/** A readable cookie's value (the CSRF cookie); null when it is not set or empty. */
export function readCookie(name: string, cookieString = document.cookie): string | null {
  for (const pair of cookieString.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    if (pair.slice(0, equals).trim() !== name) continue;
    const value = pair.slice(equals + 1).trim();
    return value === '' ? null : value;
  }
  return null;
}
