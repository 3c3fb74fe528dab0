import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth-context';
import { useFormatDateTime } from '../../lib/format-time';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { cx } from '../../ui/cx';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { Section } from '../../ui/Section';
import { PageLoading } from '../../ui/Spinner';
import { useToast } from '../../ui/Toaster';
import { loadedUsers, useDeleteUser, useUsers, type AdminUser } from './admin-api';
import { CreateUserDialog } from './CreateUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserDialog } from './UserDialog';

type Action = { type: 'edit' | 'reset' | 'delete'; user: AdminUser } | null;

/** `/admin/users`: every account, with create, edit (role, disabled, name), reset and delete. */
export function UsersPage() {
  const { t } = useTranslation('admin');
  const users = useUsers();
  const remove = useDeleteUser();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<Action>(null);
  const list = loadedUsers(users.data);

  const confirmDelete = (user: AdminUser) =>
    remove.mutate(user.id, {
      onSuccess: () => toast.success(t('users.deleted', { username: user.username })),
      onSettled: () => setAction(null),
    });

  return (
    <Section
      title={t('users.title')}
      description={t('users.description')}
      actions={<Button onClick={() => setCreating(true)}>{t('users.create')}</Button>}
    >
      {users.isPending && <PageLoading />}
      {users.isError && <ErrorState error={users.error} onRetry={() => void users.refetch()} />}
      {users.isSuccess && list.length === 0 && <EmptyState title={t('users.empty')} />}
      {list.length > 0 && (
        <ul aria-label={t('users.listLabel')} className="space-y-2">
          {list.map((user) => (
            <UserRow key={user.id} user={user} onAction={(type) => setAction({ type, user })} />
          ))}
        </ul>
      )}
      {users.hasNextPage && (
        <Button
          variant="secondary"
          loading={users.isFetchingNextPage}
          onClick={() => void users.fetchNextPage()}
        >
          {t('users.loadMore')}
        </Button>
      )}
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <UserDialog
        user={action?.type === 'edit' ? action.user : null}
        onClose={() => setAction(null)}
      />
      <ResetPasswordDialog
        user={action?.type === 'reset' ? action.user : null}
        onClose={() => setAction(null)}
      />
      <ConfirmDialog
        open={action?.type === 'delete'}
        title={t('users.deleteTitle', { username: action?.user.username ?? '' })}
        description={t('users.deleteText')}
        confirmLabel={t('users.delete')}
        busy={remove.isPending}
        onConfirm={() => action && confirmDelete(action.user)}
        onClose={() => setAction(null)}
      />
    </Section>
  );
}

function Tag({ children, tone = 'gray' }: { children: string; tone?: 'gray' | 'red' | 'amber' }) {
  return (
    <span
      className={cx(
        'rounded-full px-2 py-0.5 text-xs font-semibold',
        tone === 'gray' && 'bg-gray-100 text-gray-800 dark:bg-gray-800 dark:text-gray-200',
        tone === 'red' && 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
        tone === 'amber' && 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100',
      )}
    >
      {children}
    </span>
  );
}

function UserRow({
  user,
  onAction,
}: {
  user: AdminUser;
  onAction: (type: 'edit' | 'reset' | 'delete') => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const me = useUser();
  const formatDateTime = useFormatDateTime();
  const self = me.id === user.id;
  const name = user.username;
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-gray-200 p-3 dark:border-gray-700">
      <div className="min-w-0 space-y-1">
        <p className="font-medium break-words">
          {user.displayName || user.username}{' '}
          <span className="font-normal text-gray-700 dark:text-gray-300">@{user.username}</span>
        </p>
        <p className="flex flex-wrap gap-1">
          <Tag>{tc(`roles.${user.role}`)}</Tag>
          {self && <Tag>{t('users.you')}</Tag>}
          {user.disabled && <Tag tone="red">{t('users.disabled')}</Tag>}
          {user.mfaEnabled && <Tag>{t('users.mfaOn')}</Tag>}
          {user.mustChangePassword && <Tag tone="amber">{t('users.mustChange')}</Tag>}
        </p>
        <p className="text-sm text-gray-700 dark:text-gray-300">
          {t('users.created', { date: formatDateTime(user.createdAt) })}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onAction('edit')}
          aria-label={t('users.editNamed', { username: name })}
        >
          {t('users.edit')}
        </Button>
        {/* Your own password and account are yours to change in Settings, not here. */}
        {!self && (
          <>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => onAction('reset')}
              aria-label={t('users.resetNamed', { username: name })}
            >
              {t('users.resetPassword')}
            </Button>
            <Button
              variant="danger"
              size="sm"
              onClick={() => onAction('delete')}
              aria-label={t('users.deleteNamed', { username: name })}
            >
              {t('users.delete')}
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
