/** Where links may lead; images only load over HTTP(S) or from this server. */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);
/** A base that only resolves relative URLs; it never leaves this function. */
const BASE = 'https://relative.invalid/';

/**
 * The URL when it is safe to put in `href` (`src` for images), else the empty string. The
 * browser's own URL parser decides the scheme, so what it ignores (case, leading spaces and
 * control characters, tabs and line breaks inside `java\tscript:`) cannot hide one:
 * `javascript:`, `data:`, `vbscript:`, `file:` and every other scheme but http(s) and mailto
 * are dropped. Relative links stay as they are.
 */
export function safeUrl(url: string, kind: 'link' | 'image' = 'link'): string {
  let parsed: URL;
  try {
    parsed = new URL(url, BASE);
  } catch {
    return '';
  }
  const allowed = kind === 'image' ? IMAGE_PROTOCOLS : LINK_PROTOCOLS;
  return allowed.has(parsed.protocol) ? url.trim() : '';
}

/** react-markdown's `urlTransform`: images by the image rule, everything else as a link. */
export function transformUrl(url: string, key: string, node: { tagName?: string }): string {
  return safeUrl(url, key === 'src' || node.tagName === 'img' ? 'image' : 'link');
}

/** The host an image would come from, for "Load image from …". */
export function hostOf(url: string, base = window.location.href): string {
  try {
    return new URL(url, base).host;
  } catch {
    return url;
  }
}
