import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A disclosure menu: a button that shows a panel below it (`aria-expanded`/`aria-controls`). A
 * pointer down outside closes it; Escape closes it and returns focus to the button. `children`
 * gets `close`, which returns focus to the button when asked. `extra` renders inside the menu's
 * root but outside the panel (e.g. a dialog opened from it, so its clicks count as inside).
 */
export function Menu({
  button,
  buttonClassName,
  buttonBusy,
  panelClassName,
  children,
  extra,
}: {
  /** The button's content. */
  button: ReactNode;
  buttonClassName: string;
  buttonBusy?: boolean;
  panelClassName: string;
  children: (close: (returnFocus?: boolean) => void) => ReactNode;
  extra?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  // By id, not by ref: `close` is handed to `children` during render.
  const close = (returnFocus = false) => {
    setOpen(false);
    if (returnFocus) document.getElementById(buttonId)?.focus();
  };

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-busy={buttonBusy || undefined}
        onClick={() => setOpen((value) => !value)}
        className={buttonClassName}
      >
        {button}
      </button>
      {open && (
        <div id={panelId} className={panelClassName}>
          {children(close)}
        </div>
      )}
      {extra}
    </div>
  );
}
