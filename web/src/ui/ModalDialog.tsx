import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The native modal <dialog> kept in step with `open`: focus moves in and is kept there,
 * Escape closes it (through `onClose`, so the caller's state stays the truth), and focus
 * returns to where it was when it closes. Dialog and Drawer are its two looks.
 */
export function ModalDialog({
  open,
  onClose,
  labelledBy,
  describedBy,
  closeOnBackdrop = false,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  describedBy?: string | undefined;
  /** Close on a click outside the content (the drawer's backdrop). */
  closeOnBackdrop?: boolean;
  className: string;
  /** Rendered only while open. */
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={
        closeOnBackdrop
          ? (event) => {
              // A click on the backdrop lands on the dialog element itself.
              if (event.target === ref.current) onClose();
            }
          : undefined
      }
      className={className}
    >
      {open && children}
    </dialog>
  );
}

/** The ✕ in a dialog's title row. */
export function CloseButton({ onClose, className }: { onClose: () => void; className: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" onClick={onClose} aria-label={t('actions.close')} className={className}>
      <span aria-hidden="true">✕</span>
    </button>
  );
}
