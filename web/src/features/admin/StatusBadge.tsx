import { useTranslation } from 'react-i18next';
import { cx } from '../../ui/cx';
import type { StatusLevel } from './status-summary';

const TONES: Record<StatusLevel, string> = {
  green: 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-100',
  amber: 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100',
  red: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
};

/** A level as a shape and a word as well as a colour: ✓ OK, ⚠ Warning, ✕ Failing. */
export function StatusIcon({ level, className }: { level: StatusLevel; className?: string }) {
  const common = {
    'aria-hidden': true,
    viewBox: '0 0 20 20',
    fill: 'currentColor',
    className: cx('size-4 shrink-0', className),
  } as const;
  switch (level) {
    case 'green':
      return (
        <svg {...common}>
          <path
            fillRule="evenodd"
            d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.86-9.86a.75.75 0 0 0-1.22-.88l-3.48 4.83-1.9-1.9a.75.75 0 1 0-1.06 1.06l2.5 2.5a.75.75 0 0 0 1.14-.09l4.02-5.52Z"
          />
        </svg>
      );
    case 'amber':
      return (
        <svg {...common}>
          <path
            fillRule="evenodd"
            d="M8.49 2.87c.66-1.16 2.36-1.16 3.02 0l6.28 11.03c.65 1.15-.18 2.6-1.51 2.6H3.72c-1.33 0-2.16-1.45-1.51-2.6L8.49 2.87ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          />
        </svg>
      );
    case 'red':
      return (
        <svg {...common}>
          <path
            fillRule="evenodd"
            d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM8.28 7.22a.75.75 0 0 0-1.06 1.06L8.94 10l-1.72 1.72a.75.75 0 1 0 1.06 1.06L10 11.06l1.72 1.72a.75.75 0 1 0 1.06-1.06L11.06 10l1.72-1.72a.75.75 0 0 0-1.06-1.06L10 8.94 8.28 7.22Z"
          />
        </svg>
      );
  }
}

/** The text colour of a level, for an icon standing on its own. */
export const LEVEL_TEXT: Record<StatusLevel, string> = {
  green: 'text-green-700 dark:text-green-400',
  amber: 'text-amber-700 dark:text-amber-400',
  red: 'text-red-700 dark:text-red-400',
};

/** The level as an icon and a word in a pill, with an optional count after the word. */
export function StatusBadge({
  level,
  count,
  className,
}: {
  level: StatusLevel;
  count?: number;
  className?: string;
}) {
  const { t } = useTranslation('admin');
  return (
    <span
      className={cx(
        'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-sm font-semibold whitespace-nowrap',
        TONES[level],
        className,
      )}
    >
      <StatusIcon level={level} />
      {t(`status.level.${level}`)}
      {count !== undefined && <span className="font-normal">{count}</span>}
    </span>
  );
}
