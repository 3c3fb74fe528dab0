import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { cx } from './cx';
import { INPUT_CLASS, inputBorder } from './field-styles';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  /** Shown under the field in red and announced; marks the input invalid. */
  error?: ReactNode;
  /** A hint under the field. */
  hint?: ReactNode;
  /** Extra content under the field (e.g. live password rules), linked by aria-describedby. */
  description?: ReactNode;
  /** Classes for the input itself (`className` styles the wrapper). */
  inputClassName?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with its hint and error wired to it for assistive technology. */
export function TextField({
  label,
  error,
  hint,
  description,
  className,
  inputClassName,
  ref,
  ...input
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const descriptionId = `${id}-description`;
  const describedBy = [
    hint ? hintId : null,
    description ? descriptionId : null,
    error ? errorId : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cx('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-gray-800 dark:text-gray-200">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={cx(INPUT_CLASS, inputBorder(Boolean(error)), inputClassName)}
        {...input}
      />
      {hint && (
        <p id={hintId} className="text-sm text-gray-600 dark:text-gray-400">
          {hint}
        </p>
      )}
      {description && <div id={descriptionId}>{description}</div>}
      {error && (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
