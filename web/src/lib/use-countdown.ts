import { useEffect, useState } from 'react';

/**
 * Seconds left of a wait that started when `seconds` was given (e.g. Retry-After); counts
 * down to 0 once a second. A new `startedAt` restarts it.
 */
export function useCountdown(seconds: number | null, startedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  const deadline = seconds === null ? 0 : startedAt + seconds * 1000;
  useEffect(() => {
    if (deadline <= Date.now()) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= deadline) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return Math.max(0, Math.ceil((deadline - Math.max(now, startedAt)) / 1000));
}
