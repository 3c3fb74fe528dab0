export type ToastTone = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

type Listener = (toasts: readonly Toast[]) => void;

const DEFAULT_DURATION_MS = 6_000;

/**
 * The toasts on screen, outside React so that anything (a mutation's error handler, the API
 * client) can raise one. Components use `useToast()`; the `<Toaster>` shows them.
 */
export function createToastStore() {
  let toasts: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<Listener>();
  const publish = () => listeners.forEach((listener) => listener(toasts));

  function dismiss(id: number) {
    toasts = toasts.filter((toast) => toast.id !== id);
    publish();
  }

  function show(tone: ToastTone, message: string, durationMs = DEFAULT_DURATION_MS): number {
    const id = nextId++;
    // The same message twice in a row (a failing retry loop) shows once.
    toasts = [...toasts.filter((toast) => toast.message !== message), { id, tone, message }].slice(
      -4,
    );
    publish();
    if (durationMs > 0) setTimeout(() => dismiss(id), durationMs);
    return id;
  }

  return {
    show,
    dismiss,
    error: (message: string) => show('error', message, 10_000),
    success: (message: string) => show('success', message),
    info: (message: string) => show('info', message),
    getSnapshot: () => toasts,
    subscribe: (listener: Listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type ToastStore = ReturnType<typeof createToastStore>;

/** The app's toasts. */
export const toasts = createToastStore();
