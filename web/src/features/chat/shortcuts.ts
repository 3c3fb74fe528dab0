/** The chat page's keyboard shortcuts (the composer handles Enter itself). */
export type ShortcutAction = 'focusSearch' | 'newChat' | 'showShortcuts';

/** True on Apple platforms, where ⌘ takes the place of Ctrl. */
export function isApple(): boolean {
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform;
  return /mac|iphone|ipad/i.test(platform);
}

/** The shortcut a key press means: Ctrl/⌘+K, Ctrl/⌘+Shift+O, Ctrl/⌘+/. */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): ShortcutAction | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'k' && !event.shiftKey) return 'focusSearch';
  if (key === 'o' && event.shiftKey) return 'newChat';
  if (key === '/' || key === '?') return 'showShortcuts';
  return null;
}

/** Whether a key press in the composer sends: Enter alone, or Ctrl/⌘+Enter. Not mid-IME. */
export function isSendKey(event: {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  isComposing: boolean;
}): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing;
}
