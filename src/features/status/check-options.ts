/** What every check is given: how long it may take, and where a failure's cause is logged. */
export interface CheckOptions {
  timeoutMs: number;
  log: (check: string, reason: string) => void;
}
