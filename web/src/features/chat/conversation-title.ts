import type { TFunction } from 'i18next';

/** A conversation's title, or "New conversation" until its first message names it. */
export function titleOf(title: string | null, t: TFunction<'chat'>): string {
  const trimmed = title?.trim() ?? '';
  return trimmed === '' ? t('untitled') : trimmed;
}
