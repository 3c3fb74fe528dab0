/** A `?next=` target only if it is a path of this app (never another site: `//evil`, `http:`). */
export function safeNext(next: string | null, fallback = '/chat'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  if (next.startsWith('/login') || next.startsWith('/setup')) return fallback;
  return next;
}
