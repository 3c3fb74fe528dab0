import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/TextField';
import { useDeleteConversation, useUpdateConversation } from './chat-api';
import type { Conversation } from './chat-types';
import { titleOf } from './conversation-title';

const MAX_TITLE = 200;

/** Renames a conversation; Enter saves, Escape cancels. */
export function RenameDialog({
  conversation,
  onClose,
}: {
  conversation: Conversation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('chat');
  return (
    <Dialog open={conversation !== null} onClose={onClose} title={t('rename.title')}>
      {conversation && <RenameForm conversation={conversation} onClose={onClose} />}
    </Dialog>
  );
}

function RenameForm({
  conversation,
  onClose,
}: {
  conversation: Conversation;
  onClose: () => void;
}) {
  const { t } = useTranslation('chat');
  const { t: tc } = useTranslation();
  const update = useUpdateConversation();
  const [title, setTitle] = useState(conversation.title ?? '');
  const trimmed = title.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed === '') return;
    update.mutate({ id: conversation.id, patch: { title: trimmed } }, { onSuccess: onClose });
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <TextField
        label={t('rename.label')}
        value={title}
        maxLength={MAX_TITLE}
        autoFocus
        required
        onChange={(event) => setTitle(event.target.value)}
      />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          {tc('actions.cancel')}
        </Button>
        <Button type="submit" loading={update.isPending} disabled={trimmed === ''}>
          {tc('actions.save')}
        </Button>
      </div>
    </form>
  );
}

/** Asks before deleting a conversation and its messages. */
export function DeleteDialog({
  conversation,
  onClose,
  onDeleted,
}: {
  conversation: Conversation | null;
  onClose: () => void;
  onDeleted: (id: string) => void;
}) {
  const { t } = useTranslation('chat');
  const { t: tc } = useTranslation();
  const remove = useDeleteConversation();
  return (
    <Dialog
      open={conversation !== null}
      onClose={onClose}
      title={t('delete.title')}
      description={
        conversation ? t('delete.description', { title: titleOf(conversation.title, t) }) : ''
      }
      actions={
        <>
          <Button variant="secondary" onClick={onClose}>
            {tc('actions.cancel')}
          </Button>
          <Button
            variant="danger"
            loading={remove.isPending}
            onClick={() => {
              if (!conversation) return;
              remove.mutate(conversation.id, {
                onSuccess: () => {
                  onDeleted(conversation.id);
                  onClose();
                },
              });
            }}
          >
            {tc('actions.delete')}
          </Button>
        </>
      }
    />
  );
}
