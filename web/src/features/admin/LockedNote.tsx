import { useTranslation } from 'react-i18next';

/** Says that a setting is fixed by an environment variable, with a lock as well as words. */
export function LockedNote({ variable }: { variable: string }) {
  const { t } = useTranslation('admin');
  return (
    <span className="flex items-start gap-1 text-sm text-gray-700 dark:text-gray-300">
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        fill="currentColor"
        className="mt-0.5 size-4 shrink-0"
      >
        <path
          fillRule="evenodd"
          d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
        />
      </svg>
      <span>
        <span className="font-semibold">{t('lockedBadge')}: </span>
        {t('locked', { variable })}
      </span>
    </span>
  );
}
