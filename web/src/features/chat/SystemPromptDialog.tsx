import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { cx } from '../../ui/cx';
import { INPUT_CLASS } from '../../ui/field-styles';

const MAX_SYSTEM_PROMPT = 20_000;

/** Edits the instructions the model follows throughout one conversation. */
export function SystemPromptDialog({
  open,
  value,
  saving,
  onSave,
  onClose,
}: {
  open: boolean;
  value: string | null;
  saving: boolean;
  /** Null clears the prompt. */
  onSave: (prompt: string | null) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('chat');
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('systemPrompt.title')}
      description={t('systemPrompt.description')}
    >
      {open && <PromptForm value={value} saving={saving} onSave={onSave} onClose={onClose} />}
    </Dialog>
  );
}

function PromptForm({
  value,
  saving,
  onSave,
  onClose,
}: {
  value: string | null;
  saving: boolean;
  onSave: (prompt: string | null) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('chat');
  const { t: tc } = useTranslation();
  const id = useId();
  const [text, setText] = useState(value ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(text.trim() === '' ? null : text);
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium">
          {t('systemPrompt.label')}
        </label>
        <textarea
          id={id}
          value={text}
          rows={8}
          maxLength={MAX_SYSTEM_PROMPT}
          autoFocus
          placeholder={t('systemPrompt.placeholder')}
          onChange={(event) => setText(event.target.value)}
          className={cx(INPUT_CLASS, 'resize-y border-gray-300 dark:border-gray-600')}
        />
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        {value !== null && (
          <Button variant="ghost" onClick={() => onSave(null)} disabled={saving}>
            {t('systemPrompt.clear')}
          </Button>
        )}
        <Button variant="secondary" onClick={onClose}>
          {tc('actions.cancel')}
        </Button>
        <Button type="submit" loading={saving}>
          {tc('actions.save')}
        </Button>
      </div>
    </form>
  );
}
