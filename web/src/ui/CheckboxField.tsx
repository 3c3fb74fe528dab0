import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { cx } from './cx';

export interface CheckboxFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'type'
> {
  label: ReactNode;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled native checkbox with an optional hint linked to it. */
export function CheckboxField({ label, hint, className, ref, ...input }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={cx('flex items-start gap-2', className)}>
      <input
        ref={ref}
        id={id}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-5 shrink-0 rounded border-gray-400 accent-indigo-600 disabled:cursor-not-allowed"
        {...input}
      />
      <div className="min-w-0">
        <label htmlFor={id} className="text-sm font-medium text-gray-800 dark:text-gray-200">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-sm text-gray-600 dark:text-gray-400">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
