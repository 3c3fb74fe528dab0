/** The audit log's filters as the page keeps them (in the address, so a view can be shared). */
export interface AuditFilters {
  action: string;
  outcome: '' | 'success' | 'failure';
  actorId: string;
  /** Local calendar days, `YYYY-MM-DD`, from a date input; '' for open-ended. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { action: '', outcome: '', actorId: '', from: '', to: '' };

/** Every action the server records, for the filter's choices. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.logout_all',
  'auth.mfa_check',
  'auth.recovery_code_used',
  'auth.refresh_reuse',
  'auth.password_change',
  'auth.session_revoke',
  'auth.register',
  'mfa.enable',
  'mfa.disable',
  'api_key.create',
  'api_key.revoke',
  'user.create',
  'user.update',
  'user.update_profile',
  'user.reset_password',
  'user.delete',
  'settings.update',
  'provider.create',
  'provider.update',
  'provider.delete',
  'setup',
] as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads the filters from the page's search params, dropping what is not well-formed. */
export function readAuditFilters(params: URLSearchParams): AuditFilters {
  const outcome = params.get('outcome');
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  return {
    action: (params.get('action') ?? '').slice(0, 100),
    outcome: outcome === 'success' || outcome === 'failure' ? outcome : '',
    actorId: (params.get('actorId') ?? '').slice(0, 100),
    from: date('from'),
    to: date('to'),
  };
}

/** The filters as search params for the page's address (only those set). */
export function auditFiltersToParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters) as [keyof AuditFilters, string][]) {
    if (value !== '') params.set(name, value);
  }
  return params;
}

/** Start (or end) of a local calendar day as an ISO 8601 UTC instant. */
export function dayBound(day: string, edge: 'start' | 'end'): string | null {
  const match = DATE.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const instant =
    edge === 'start'
      ? new Date(year, month, date, 0, 0, 0, 0)
      : new Date(year, month, date, 23, 59, 59, 999);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

/**
 * The query string of `GET /api/admin/audit` for the filters: days become the instants that
 * bound them in the browser's time zone (so "to" includes the whole day), empty filters are
 * left out, and a reversed range is put the right way round.
 */
export function auditQueryString(
  filters: AuditFilters,
  page: { cursor?: string | null; limit?: number } = {},
): string {
  const params = new URLSearchParams();
  params.set('limit', String(page.limit ?? 50));
  if (page.cursor) params.set('cursor', page.cursor);
  if (filters.action.trim()) params.set('action', filters.action.trim());
  if (filters.outcome) params.set('outcome', filters.outcome);
  if (filters.actorId.trim()) params.set('actorId', filters.actorId.trim());
  let [from, to] = [filters.from, filters.to];
  if (from && to && from > to) [from, to] = [to, from];
  const start = from ? dayBound(from, 'start') : null;
  const end = to ? dayBound(to, 'end') : null;
  if (start) params.set('from', start);
  if (end) params.set('to', end);
  return params.toString();
}

/** How many filters are set (for "Clear filters" and the empty state's wording). */
export function activeFilterCount(filters: AuditFilters): number {
  return Object.values(filters).filter((value) => value !== '').length;
}
