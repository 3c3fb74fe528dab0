import { useTranslation } from 'react-i18next';
import { cx } from '../../ui/cx';
import { WIZARD_STEPS, type WizardStep } from './wizard-state';

/** The steps as a numbered list; the current one is marked for assistive technology. */
export function WizardProgress({ current }: { current: WizardStep }) {
  const { t } = useTranslation('setup');
  const currentIndex = WIZARD_STEPS.indexOf(current);
  return (
    <div className="mb-6">
      <ol aria-label={t('progress')} className="flex gap-1 sm:gap-2">
        {WIZARD_STEPS.map((step, index) => (
          <li
            key={step}
            aria-current={step === current ? 'step' : undefined}
            className="flex min-w-0 flex-1 flex-col gap-1"
          >
            <span
              aria-hidden="true"
              className={cx(
                'h-1.5 rounded-full',
                index <= currentIndex ? 'bg-indigo-600' : 'bg-gray-300 dark:bg-gray-700',
              )}
            />
            <span
              className={cx(
                'truncate text-xs',
                step === current
                  ? 'font-semibold text-gray-900 dark:text-gray-100'
                  : 'text-gray-600 dark:text-gray-400',
                'max-sm:sr-only',
              )}
            >
              {t('stepOf', { number: index + 1, total: WIZARD_STEPS.length })} {t(`steps.${step}`)}
            </span>
          </li>
        ))}
      </ol>
      {/* Phones have no room for every label: the current one, in full, under the bar. */}
      <p aria-hidden="true" className="mt-1 text-xs font-semibold sm:hidden">
        {t('stepOf', { number: currentIndex + 1, total: WIZARD_STEPS.length })}{' '}
        {t(`steps.${current}`)}
      </p>
    </div>
  );
}
