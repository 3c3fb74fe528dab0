import { useEffect, useRef, type ReactNode } from 'react';

/** A step's heading; focused when the step appears, so screen readers announce the new step. */
export function StepHeading({
  children,
  description,
}: {
  children: ReactNode;
  description?: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="mb-4">
      <h2 ref={ref} tabIndex={-1} className="text-lg font-semibold outline-none">
        {children}
      </h2>
      {description && (
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">{description}</p>
      )}
    </div>
  );
}
