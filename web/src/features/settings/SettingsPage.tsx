import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../layout/NotFoundPage';
import { PageLoading } from '../../ui/Spinner';
import { SubNav } from '../../ui/SubNav';

/** A sub-page in its own chunk, loaded on first visit (the QR code library only with MFA). */
function lazyNamed<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const ProfilePage = lazyNamed(() => import('./ProfilePage'), 'ProfilePage');
const SecurityPage = lazyNamed(() => import('./SecurityPage'), 'SecurityPage');
const SessionsSection = lazyNamed(() => import('./SessionsSection'), 'SessionsSection');
const ApiKeysSection = lazyNamed(() => import('./ApiKeysSection'), 'ApiKeysSection');
const AppearanceSection = lazyNamed(() => import('./AppearanceSection'), 'AppearanceSection');

/** `/settings/*`: the signed-in person's own settings, one sub-page per section. */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  return (
    <div className="mx-auto w-full max-w-3xl space-y-4 p-3 sm:p-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <SubNav
        label={t('nav.label')}
        items={[
          { to: '/settings/profile', label: t('nav.profile') },
          { to: '/settings/security', label: t('nav.security') },
          { to: '/settings/sessions', label: t('nav.sessions') },
          { to: '/settings/api-keys', label: t('nav.apiKeys') },
          { to: '/settings/appearance', label: t('nav.appearance') },
        ]}
      />
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route index element={<Navigate to="/settings/profile" replace />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="security" element={<SecurityPage />} />
          <Route path="sessions" element={<SessionsSection />} />
          <Route path="api-keys" element={<ApiKeysSection />} />
          <Route path="appearance" element={<AppearanceSection />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </div>
  );
}
