import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImageIcon } from '../icons';
import { hostOf } from './safe-url';

/**
 * An image from an answer, not fetched until the reader asks for it: first a button naming
 * the host it would come from, and only after a click an `<img>` with its `src`. When the
 * image cannot be shown (the page's CSP admits images from this server only), a link opens
 * it in a new tab instead.
 */
export function SafeImage({ src, alt, title }: { src?: string; alt?: string; title?: string }) {
  const { t } = useTranslation('chat');
  const [state, setState] = useState<'idle' | 'shown' | 'failed'>('idle');
  const description = alt?.trim() ?? '';
  if (!src) {
    return <span className="chat-image-blocked">[{description || t('markdown.image')}]</span>;
  }
  const host = hostOf(src);
  if (state === 'idle') {
    return (
      <button type="button" className="chat-image-button" onClick={() => setState('shown')}>
        <ImageIcon />
        <span>
          {t('markdown.loadImage', { host })}
          {description && <span className="chat-image-alt"> — {description}</span>}
        </span>
      </button>
    );
  }
  if (state === 'failed') {
    return (
      <span className="chat-image-blocked">
        {t('markdown.imageFailed')}{' '}
        <a href={src} target="_blank" rel="noopener noreferrer">
          {t('markdown.openImage', { host })}
        </a>
      </span>
    );
  }
  return (
    <img
      src={src}
      alt={description}
      title={title}
      referrerPolicy="no-referrer"
      className="chat-image"
      onError={() => setState('failed')}
    />
  );
}
