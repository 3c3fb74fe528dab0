import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock';
import { SafeImage } from './SafeImage';
import { SafeLink } from './SafeLink';
import { transformUrl } from './safe-url';
import './markdown.css';

const remarkPlugins = [remarkGfm];
// Only fenced blocks that name their language are highlighted (no guessing, which is slow).
const rehypePlugins: Options['rehypePlugins'] = [[rehypeHighlight, { detect: false }]];

function Table({ children }: { children?: ReactNode }) {
  const { t } = useTranslation('chat');
  return (
    <div className="chat-table" role="region" aria-label={t('markdown.table')} tabIndex={0}>
      <table>{children}</table>
    </div>
  );
}

const components: Components = {
  a: ({ href, title, id, className, children }) => (
    <SafeLink href={href} title={title} id={id} className={className}>
      {children}
    </SafeLink>
  ),
  img: ({ src, alt, title }) => (
    <SafeImage src={typeof src === 'string' ? src : undefined} alt={alt} title={title} />
  ),
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>,
  table: ({ children }) => <Table>{children}</Table>,
};

/**
 * Markdown from a model or a person, made safe: no raw HTML (react-markdown shows HTML as
 * the text it is — rehype-raw is never used), URLs limited to http(s), mailto and relative
 * ones, links that open apart from this page, images that load only on request, and code
 * blocks with highlighting and a copy button. Loaded lazily: highlight.js is large.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="chat-markdown">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        urlTransform={transformUrl}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});

export default Markdown;
