import { useId, type ReactNode } from 'react';
import { CloseButton, ModalDialog } from '../../ui/ModalDialog';

/**
 * A panel that slides over the page from the left on narrow screens, on the native modal
 * <dialog>: focus moves in and stays, Escape and the backdrop close it.
 */
export function Drawer({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  const titleId = useId();

  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      labelledBy={titleId}
      closeOnBackdrop
      className="m-0 h-dvh max-h-none w-[min(20rem,calc(100vw-3rem))] max-w-none border-r border-gray-200 bg-white p-0 text-gray-900 shadow-xl backdrop:bg-black/50 dark:border-gray-800 dark:bg-gray-900 dark:text-gray-100"
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center justify-between gap-2 border-b border-gray-200 px-3 py-2 dark:border-gray-800">
          <h2 id={titleId} className="font-semibold">
            {title}
          </h2>
          <CloseButton
            onClose={onClose}
            className="rounded p-2 text-gray-600 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-800"
          />
        </div>
        <div className="min-h-0 flex-1">{children}</div>
      </div>
    </ModalDialog>
  );
}
