import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';

/** The keyboard shortcuts, with the platform's modifier (Ctrl, or ⌘ on Apple). */
export function ShortcutsDialog({
  open,
  onClose,
  modifier,
}: {
  open: boolean;
  onClose: () => void;
  modifier: string;
}) {
  const { t } = useTranslation('chat');
  const rows: [string[], string][] = [
    [['Enter'], t('shortcuts.send')],
    [[modifier, 'Enter'], t('shortcuts.sendAlso')],
    [['Shift', 'Enter'], t('shortcuts.newline')],
    [[modifier, 'K'], t('shortcuts.search')],
    [[modifier, 'Shift', 'O'], t('shortcuts.newChat')],
    [[modifier, '/'], t('shortcuts.help')],
    [['Esc'], t('shortcuts.escape')],
  ];
  return (
    <Dialog open={open} onClose={onClose} title={t('shortcuts.title')}>
      <dl className="divide-y divide-gray-200 text-sm dark:divide-gray-700">
        {rows.map(([keys, what]) => (
          <div key={what} className="flex items-center justify-between gap-4 py-2">
            <dt className="flex gap-1">
              {keys.map((key) => (
                <kbd
                  key={key}
                  className="rounded border border-gray-300 bg-gray-100 px-1.5 py-0.5 font-mono text-xs dark:border-gray-600 dark:bg-gray-800"
                >
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-right text-gray-700 dark:text-gray-300">{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
