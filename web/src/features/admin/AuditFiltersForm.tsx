import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import type { AdminUser } from './admin-api';
import { AUDIT_ACTIONS, activeFilterCount, NO_FILTERS, type AuditFilters } from './audit-filters';
import { useActionLabel } from './audit-labels';

/** The filters; each change applies at once (they live in the page's address). */
export function AuditFiltersForm({
  filters,
  users,
  onChange,
}: {
  filters: AuditFilters;
  users: AdminUser[];
  onChange: (filters: AuditFilters) => void;
}) {
  const { t } = useTranslation('admin');
  const actionLabel = useActionLabel();
  const set = (patch: Partial<AuditFilters>) => onChange({ ...filters, ...patch });
  const actions: string[] = [...AUDIT_ACTIONS];
  if (filters.action && !actions.includes(filters.action)) actions.push(filters.action);
  const actors = users.map((user) => ({ value: user.id, label: user.username }));
  if (filters.actorId && !actors.some((actor) => actor.value === filters.actorId)) {
    actors.push({ value: filters.actorId, label: filters.actorId });
  }

  return (
    <fieldset className="rounded-md border border-gray-200 p-3 dark:border-gray-700">
      <legend className="px-1 text-sm font-semibold">{t('audit.filters')}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField
          label={t('audit.action')}
          value={filters.action}
          options={[
            { value: '', label: t('audit.anyAction') },
            ...actions.map((action) => ({ value: action, label: actionLabel(action) })),
          ]}
          onChange={(event) => set({ action: event.target.value })}
        />
        <SelectField
          label={t('audit.outcome')}
          value={filters.outcome}
          options={[
            { value: '', label: t('audit.anyOutcome') },
            { value: 'success', label: t('audit.success') },
            { value: 'failure', label: t('audit.failure') },
          ]}
          onChange={(event) => {
            const value = event.target.value;
            set({ outcome: value === 'success' || value === 'failure' ? value : '' });
          }}
        />
        <SelectField
          label={t('audit.actor')}
          value={filters.actorId}
          options={[{ value: '', label: t('audit.anyone') }, ...actors]}
          onChange={(event) => set({ actorId: event.target.value })}
        />
        <TextField
          label={t('audit.from')}
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => set({ from: event.target.value })}
        />
        <TextField
          label={t('audit.to')}
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => set({ to: event.target.value })}
        />
        <div className="flex items-end">
          <Button
            variant="secondary"
            disabled={activeFilterCount(filters) === 0}
            onClick={() => onChange(NO_FILTERS)}
          >
            {t('audit.clear')}
          </Button>
        </div>
      </div>
    </fieldset>
  );
}
