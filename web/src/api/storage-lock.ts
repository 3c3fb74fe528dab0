const LEASE_MS = 10_000;
const SETTLE_MS = 40;
const POLL_MS = 100;

/**
 * A cross-tab mutex over localStorage, for browsers without the Web Locks API — which is
 * missing on plain-HTTP pages (it needs a secure context), exactly where a LAN install runs.
 * A tab writes its claim, waits a moment, and owns the lock if its claim is still there; a
 * claim expires after a lease, so a closed tab cannot block the others.
 */
export async function withStorageLock<T>(
  name: string,
  work: () => Promise<T>,
  storage: Storage = window.localStorage,
): Promise<T> {
  const key = `${name}.lock`;
  const me = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  for (;;) {
    if (await tryClaim(storage, key, me)) break;
    await sleep(POLL_MS);
  }
  try {
    return await work();
  } finally {
    if (readClaim(storage, key)?.owner === me) storage.removeItem(key);
  }
}

async function tryClaim(storage: Storage, key: string, me: string): Promise<boolean> {
  const claim = readClaim(storage, key);
  if (claim && claim.owner !== me && claim.until > Date.now()) return false;
  storage.setItem(key, JSON.stringify({ owner: me, until: Date.now() + LEASE_MS }));
  // Two tabs that wrote at nearly the same time: the later write wins, and only its writer
  // still reads its own claim after the pause.
  await sleep(SETTLE_MS);
  return readClaim(storage, key)?.owner === me;
}

function readClaim(storage: Storage, key: string): { owner: string; until: number } | null {
  try {
    const parsed = JSON.parse(storage.getItem(key) ?? 'null') as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { owner, until } = parsed as Record<string, unknown>;
    return typeof owner === 'string' && typeof until === 'number' ? { owner, until } : null;
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
