import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A step's heading inside a section, focused when it appears, so a screen reader announces
 * the new step and keyboard focus is not lost when the previous step's button disappears.
 */
export function FocusHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h3 ref={ref} tabIndex={-1} className="font-semibold outline-none">
      {children}
    </h3>
  );
}
