import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { HomeRedirect, RequireAdmin, RequireAuth } from './auth/guards';
import { AppShell } from './layout/AppShell';
import { NotFoundPage } from './layout/NotFoundPage';
import { RouteErrorBoundary } from './layout/RouteErrorBoundary';
import { PageLoading } from './ui/Spinner';

/** A page loaded on first visit, in its own chunk (keeps the first download small). */
function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

const errorElement = <RouteErrorBoundary />;

/**
 * Every route of the app. Pages under /settings/* and /admin/* route their own sub-pages with
 * <Routes> inside the page, so those screens grow without touching this file.
 */
export const routes: RouteObject[] = [
  { path: '/', element: <HomeRedirect />, errorElement },
  {
    path: '/setup',
    element: lazyPage(() => import('./features/setup/SetupWizard'), 'SetupWizard'),
    errorElement,
  },
  {
    path: '/login',
    element: lazyPage(() => import('./features/auth/LoginPage'), 'LoginPage'),
    errorElement,
  },
  {
    path: '/change-password',
    element: lazyPage(() => import('./features/auth/ChangePasswordPage'), 'ChangePasswordPage'),
    errorElement,
  },
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement,
    children: [
      {
        // The shell stays when a page fails: the boundary renders in the page's place.
        errorElement,
        children: [
          {
            // One route for both, so opening a conversation keeps the page mounted.
            path: '/chat/:conversationId?',
            element: lazyPage(() => import('./features/chat/ChatPage'), 'ChatPage'),
            errorElement,
          },
          {
            path: '/settings/*',
            element: lazyPage(() => import('./features/settings/SettingsPage'), 'SettingsPage'),
            errorElement,
          },
          {
            path: '/admin/*',
            element: (
              <RequireAdmin>
                {lazyPage(() => import('./features/admin/AdminPage'), 'AdminPage')}
              </RequireAdmin>
            ),
            errorElement,
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
