import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../layout/NotFoundPage';
import { PageLoading } from '../../ui/Spinner';
import { SubNav } from '../../ui/SubNav';

/** A sub-page in its own chunk, loaded on first visit. */
function lazyNamed<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const UsersPage = lazyNamed(() => import('./UsersPage'), 'UsersPage');
const RegistrationAndDefaults = lazyNamed(
  () => import('./RegistrationAndDefaults'),
  'RegistrationAndDefaults',
);
const ProvidersPage = lazyNamed(() => import('./ProvidersPage'), 'ProvidersPage');
const AuditPage = lazyNamed(() => import('./AuditPage'), 'AuditPage');
const StatusPage = lazyNamed(() => import('./StatusPage'), 'StatusPage');

/** `/admin/*` (admins only; the router's guard shows others "not allowed"). */
export function AdminPage() {
  const { t } = useTranslation('admin');
  return (
    <div className="mx-auto w-full max-w-4xl space-y-4 p-3 sm:p-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <SubNav
        label={t('nav.label')}
        items={[
          { to: '/admin/users', label: t('nav.users') },
          { to: '/admin/general', label: t('nav.general') },
          { to: '/admin/providers', label: t('nav.providers') },
          { to: '/admin/audit', label: t('nav.audit') },
          { to: '/admin/status', label: t('nav.status') },
        ]}
      />
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route index element={<Navigate to="/admin/users" replace />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="general" element={<RegistrationAndDefaults />} />
          <Route path="providers" element={<ProvidersPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="status" element={<StatusPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </div>
  );
}
