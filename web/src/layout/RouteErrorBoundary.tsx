import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useNavigate, useRouteError } from 'react-router';
import { Button } from '../ui/Button';
import { ErrorState } from '../ui/ErrorState';
import { NotFoundPage } from './NotFoundPage';

/**
 * Each route's error boundary: a page that throws while rendering (or whose code fails to
 * load) shows what happened and ways back, while the rest of the app keeps working.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const navigate = useNavigate();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <ErrorState
      title={t('errorBoundary.title')}
      error={error}
      action={
        <>
          <Button variant="secondary" onClick={() => void navigate(-1)}>
            {t('actions.goBack')}
          </Button>
          <Button variant="secondary" onClick={() => window.location.reload()}>
            {t('actions.reload')}
          </Button>
          <Link
            to="/"
            className="inline-flex min-h-10 items-center px-4 text-sm font-medium text-indigo-700 underline dark:text-indigo-300"
          >
            {t('actions.goHome')}
          </Link>
        </>
      }
    />
  );
}
