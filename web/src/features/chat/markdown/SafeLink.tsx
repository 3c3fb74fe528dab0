import type { AnchorHTMLAttributes, ReactNode } from 'react';

/**
 * A link from an answer: opens in a new tab with no opener and no referrer. Its `href` has
 * passed `safeUrl` already; an empty one (an unsafe scheme was dropped) leaves plain text.
 */
export function SafeLink({
  href,
  children,
  title,
  id,
  className,
}: AnchorHTMLAttributes<HTMLAnchorElement> & { children?: ReactNode }) {
  if (!href) return <span className={className}>{children}</span>;
  const inPage = href.startsWith('#');
  return (
    <a
      href={href}
      title={title}
      id={id}
      className={className}
      rel="noopener noreferrer"
      target={inPage ? undefined : '_blank'}
    >
      {children}
    </a>
  );
}
