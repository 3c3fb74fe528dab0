import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../ui/EmptyState';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={t('notFound.title')}
      description={t('notFound.description')}
      action={
        <Link to="/" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          {t('actions.goHome')}
        </Link>
      }
    />
  );
}
