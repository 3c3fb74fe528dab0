import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../ui/EmptyState';

/** A signed-in user on a page their role does not open (e.g. a user on /admin). */
export function NotAllowedPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={t('notAllowed.title')}
      description={t('notAllowed.description')}
      action={
        <Link to="/chat" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          {t('actions.backToChat')}
        </Link>
      }
    />
  );
}
