import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown } from './Markdown';
import { safeUrl } from './safe-url';

/** Things an answer (or a message) might carry to run script, load something or mislead. */
const XSS_CORPUS: [string, string][] = [
  ['a script element', '<script>window.__xss = 1</script>'],
  ['an image with onerror', '<img src=x onerror="window.__xss = 2">'],
  ['an SVG with onload', '<svg onload="window.__xss = 3"><circle r="5"/></svg>'],
  ['a raw HTML link', '<a href="javascript:alert(1)">raw link</a>'],
  ['an iframe', '<iframe src="https://evil.example/"></iframe>'],
  ['a style element', '<style>body { display: none }</style>'],
  ['a style attribute', '<div style="background:url(javascript:alert(1))">styled</div>'],
  ['MathML with xlink', '<math><mi xlink:href="javascript:alert(1)">m</mi></math>'],
  ['a javascript: link', '[click](javascript:alert(1))'],
  ['a mixed-case scheme', '[click](JaVaScRiPt:alert(1))'],
  ['a scheme broken by an entity tab', '[click](java&#9;script:alert(1))'],
  ['a scheme spelled with entities', '[click](&#106;avascript:alert(1))'],
  ['a scheme behind a control character', '[click](<\u0001javascript:alert(1)>)'],
  ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['a vbscript: link', '[click](vbscript:msgbox(1))'],
  ['a file: link', '[click](file:///etc/passwd)'],
  ['a reference-style javascript: link', '[click][x]\n\n[x]: javascript:alert(1)'],
  ['a javascript: autolink', '<javascript:alert(1)>'],
  ['a data: image', '![pixel](data:image/png;base64,iVBORw0KGgo=)'],
  ['a javascript: image', '![pixel](javascript:alert(1))'],
  ['a remote image', '![tracker](https://evil.example/pixel.png)'],
  ['an image inside a link', '[![tracker](https://evil.example/p.png)](https://ok.example/)'],
];

function expectSafe(container: HTMLElement) {
  // The UI's own icons are aria-hidden SVGs; anything else is not ours.
  for (const tag of [
    'script',
    'iframe',
    'object',
    'embed',
    'svg:not([aria-hidden])',
    'math',
    'style',
    'form',
    'img',
  ]) {
    expect(container.querySelector(tag), `<${tag}> rendered`).toBeNull();
  }
  for (const element of container.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      expect(attribute.startsWith('on'), `${attribute} on <${element.localName}>`).toBe(false);
      expect(attribute).not.toBe('style');
    }
  }
  for (const link of container.querySelectorAll('a')) {
    // What the browser would open: relative links resolve against this page.
    const target = new URL(link.getAttribute('href') ?? '', 'https://enclave.example/chat');
    expect(['https:', 'http:', 'mailto:']).toContain(target.protocol);
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  }
  expect((window as { __xss?: unknown }).__xss).toBeUndefined();
}

describe('<Markdown> with hostile input', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(XSS_CORPUS)('renders %s harmlessly', (_name, payload) => {
    const { container } = render(<Markdown text={payload} />);
    expectSafe(container);
  });

  it('shows raw HTML as the text it is', () => {
    const { container } = render(
      <Markdown text={'<script>window.__xss = 1</script>\n\nand <b onclick="x()">bold</b>'} />,
    );
    expect(container.textContent).toContain('<script>window.__xss = 1</script>');
    expect(container.textContent).toContain('<b onclick="x()">bold</b>');
    expect(container.querySelector('b')).toBeNull();
  });

  it('keeps the text of a link whose scheme was dropped, without a link', () => {
    const { container } = render(<Markdown text="[click me](javascript:alert(1))" />);
    expect(container.textContent).toBe('click me');
    expect(container.querySelector('a')).toBeNull();
  });

  it('opens safe links in a new tab without opener or referrer', () => {
    render(<Markdown text="See [the docs](https://example.org/docs) or <mailto:a@example.org>." />);
    const link = screen.getByRole('link', { name: 'the docs' });
    expect(link.getAttribute('href')).toBe('https://example.org/docs');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('link', { name: 'mailto:a@example.org' }).getAttribute('href')).toBe(
      'mailto:a@example.org',
    );
  });

  it('loads an image only when asked, naming its host first', () => {
    const { container } = render(<Markdown text="![a cat](https://images.example/cat.png)" />);
    expect(container.querySelector('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Load image from images\.example/ }));
    const image = container.querySelector('img');
    expect(image?.getAttribute('src')).toBe('https://images.example/cat.png');
    expect(image?.getAttribute('alt')).toBe('a cat');
    expect(image?.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it('highlights a fenced code block and copies its source', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    vi.stubGlobal('isSecureContext', true);
    const { container } = render(<Markdown text={'```js\nconst answer = 42; // <b>\n```'} />);
    expect(container.querySelector('code.hljs .hljs-keyword')?.textContent).toBe('const');
    expect(container.textContent).toContain('// <b>');
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('const answer = 42; // <b>'));
    await screen.findByRole('button', { name: 'Copied' });
  });

  it('renders tables and an unknown language without failing', () => {
    render(<Markdown text={'| a | b |\n| - | - |\n| 1 | 2 |\n\n```nosuchlang\nx\n```'} />);
    expect(screen.getByRole('table')).toBeTruthy();
    expect(screen.getByText('nosuchlang')).toBeTruthy();
  });
});

describe('safeUrl', () => {
  it('keeps http(s), mailto and relative URLs', () => {
    for (const url of [
      'https://a.example/x?y#z',
      'http://a.example',
      'mailto:a@b.example',
      '/docs',
      '#top',
      'page.html',
      '//cdn.example/x',
    ]) {
      expect(safeUrl(url)).toBe(url);
    }
  });

  it('drops every other scheme, however it is disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:x',
      '\u0000javascript:x',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      'blob:https://a/b',
    ]) {
      expect(safeUrl(url), JSON.stringify(url)).toBe('');
    }
  });

  it('allows images over http(s) only', () => {
    expect(safeUrl('mailto:a@b.example', 'image')).toBe('');
    expect(safeUrl('data:image/png;base64,AAAA', 'image')).toBe('');
    expect(safeUrl('https://a.example/i.png', 'image')).toBe('https://a.example/i.png');
  });
});
