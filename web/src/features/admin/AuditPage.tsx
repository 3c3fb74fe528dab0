import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { Section } from '../../ui/Section';
import { PageLoading } from '../../ui/Spinner';
import { useAudit, useUserDirectory } from './admin-api';
import { AuditEntry } from './AuditEntry';
import { AuditFiltersForm } from './AuditFiltersForm';
import { activeFilterCount, auditFiltersToParams, readAuditFilters } from './audit-filters';

/** `/admin/audit`: the security trail, filtered by action, outcome, person and days. */
export function AuditPage() {
  const { t } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const filters = readAuditFilters(params);
  const audit = useAudit(filters);
  const directory = useUserDirectory();
  const usernames = new Map((directory.data ?? []).map((user) => [user.id, user.username]));
  const events = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = activeFilterCount(filters) > 0;

  return (
    <Section title={t('audit.title')} description={t('audit.description')}>
      <AuditFiltersForm
        filters={filters}
        users={directory.data ?? []}
        onChange={(next) => setParams(auditFiltersToParams(next), { replace: true })}
      />
      {audit.isPending && <PageLoading />}
      {audit.isError && <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.isSuccess && events.length === 0 && (
        <EmptyState title={filtered ? t('audit.emptyFiltered') : t('audit.empty')} />
      )}
      {events.length > 0 && (
        <ol aria-label={t('audit.listLabel')} className="space-y-2">
          {events.map((event) => (
            <AuditEntry key={event.id} event={event} usernames={usernames} />
          ))}
        </ol>
      )}
      {audit.hasNextPage && (
        <Button
          variant="secondary"
          loading={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
        >
          {t('audit.loadMore')}
        </Button>
      )}
    </Section>
  );
}
