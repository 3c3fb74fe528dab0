import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useModels } from '../../api/queries';
import { cx } from '../../ui/cx';
import { INPUT_CLASS } from '../../ui/field-styles';

/**
 * The conversation's model: "Default" (the instance's default model) or one of the models
 * every upstream offers. A chosen model an upstream no longer offers stays listed, marked.
 */
export function ModelPicker({
  value,
  onChange,
  disabled,
}: {
  value: string | null;
  onChange: (model: string | null) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('chat');
  const id = useId();
  const models = useModels();
  const options = (models.data ?? []).map((model) => ({
    value: model.id,
    label: model.name === model.id ? model.name : `${model.name} (${model.id})`,
  }));
  if (value && !options.some((option) => option.value === value)) {
    options.unshift({
      value,
      label: models.isPending ? value : t('model.unavailable', { model: value }),
    });
  }
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium whitespace-nowrap">
        {t('model.label')}
      </label>
      <select
        id={id}
        value={value ?? ''}
        disabled={disabled}
        aria-busy={models.isPending || undefined}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
        className={cx(INPUT_CLASS, 'min-w-0 border-gray-300 py-1.5 sm:w-56 dark:border-gray-600')}
      >
        <option value="">{models.isError ? t('model.defaultUnlisted') : t('model.default')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
