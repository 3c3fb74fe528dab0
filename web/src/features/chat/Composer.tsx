import { useId, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { INPUT_CLASS } from '../../ui/field-styles';
import { SendIcon, StopIcon } from './icons';
import { isSendKey } from './shortcuts';

const MAX_MESSAGE = 100_000;
const MAX_ROWS = 10;

/**
 * Where a message is written: Enter (or Ctrl/⌘+Enter) sends, Shift+Enter starts a new line.
 * While an answer runs, the button stops it instead, and the text waits.
 */
export function Composer({
  textareaRef,
  busy,
  running,
  canStop,
  stopping,
  onSend,
  onStop,
}: {
  textareaRef: Ref<HTMLTextAreaElement>;
  /** The conversation is being created: nothing can be sent yet. */
  busy: boolean;
  /** An answer is being generated. */
  running: boolean;
  /** The running answer has an id the server can cancel. */
  canStop: boolean;
  stopping: boolean;
  /** Resolves true when the message left (the field then clears). */
  onSend: (content: string) => Promise<boolean>;
  onStop: () => void;
}) {
  const { t } = useTranslation('chat');
  const [text, setText] = useState('');
  const hintId = useId();
  const canSend = text.trim() !== '' && !running && !busy;
  const rows = Math.min(MAX_ROWS, Math.max(1, text.split('\n').length));

  const send = () => {
    if (!canSend) return;
    const content = text;
    setText('');
    void onSend(content).then((sent) => {
      // Sending failed before it started: give the text back unless something new was typed.
      if (!sent) setText((current) => (current === '' ? content : current));
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (running) onStop();
    else send();
  };

  return (
    <form
      onSubmit={submit}
      className="border-t border-gray-200 bg-white px-3 py-3 sm:px-4 dark:border-gray-800 dark:bg-gray-900"
    >
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <label htmlFor={`${hintId}-field`} className="sr-only">
          {t('composer.label')}
        </label>
        <textarea
          ref={textareaRef}
          id={`${hintId}-field`}
          value={text}
          rows={rows}
          maxLength={MAX_MESSAGE}
          placeholder={t('composer.placeholder')}
          aria-describedby={hintId}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (isSendKey({ ...event, isComposing: event.nativeEvent.isComposing })) {
              event.preventDefault();
              send();
            }
          }}
          className={cx(
            INPUT_CLASS,
            'max-h-64 resize-none border-gray-300 [field-sizing:content] dark:border-gray-600',
          )}
        />
        {running ? (
          <Button type="submit" variant="secondary" loading={stopping} disabled={!canStop}>
            <StopIcon />
            {t('composer.stop')}
          </Button>
        ) : (
          <Button type="submit" disabled={!canSend} loading={busy}>
            <SendIcon />
            <span className="sr-only sm:not-sr-only">{t('composer.send')}</span>
          </Button>
        )}
      </div>
      <p id={hintId} className="mx-auto mt-1 max-w-3xl text-xs text-gray-600 dark:text-gray-400">
        {running ? t('composer.runningHint') : t('composer.hint')}
      </p>
    </form>
  );
}
