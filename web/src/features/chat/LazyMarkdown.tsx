import { lazy, Suspense } from 'react';

// The renderer and highlight.js load on the first answer shown, not with the chat page.
const Markdown = lazy(() => import('./markdown/Markdown'));

/** An answer as Markdown; its plain text until the renderer has loaded. */
export function LazyMarkdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<div className="break-words whitespace-pre-wrap">{text}</div>}>
      <Markdown text={text} />
    </Suspense>
  );
}
