import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../ui/CopyButton';
import { useCopyTexts } from '../use-copy-texts';

/** The parts of a hast node this file reads (react-markdown passes the `pre` element). */
interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

/** The text of a node and its descendants, as the code block's source. */
export function textOf(node: HastNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function languageOf(code: HastNode | undefined): string | null {
  const classes = code?.properties?.className;
  if (!Array.isArray(classes)) return null;
  for (const name of classes) {
    if (typeof name === 'string' && name.startsWith('language-')) return name.slice(9);
  }
  return null;
}

/** A fenced code block: its language, a copy button and the (highlighted) code. */
export function CodeBlock({ node, children }: { node?: HastNode; children?: ReactNode }) {
  const { t } = useTranslation('chat');
  const copyTexts = useCopyTexts();
  const code = node?.children?.find((child) => child.tagName === 'code');
  const language = languageOf(code);
  const source = textOf(code).replace(/\n$/, '');
  return (
    <div className="chat-code">
      <div className="chat-code-bar">
        <span>{language ?? t('markdown.code')}</span>
        <CopyButton text={source} texts={copyTexts} label={t('markdown.copyCode')} />
      </div>
      <pre tabIndex={0}>{children}</pre>
    </div>
  );
}
