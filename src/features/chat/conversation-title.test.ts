import { describe, expect, it } from 'vitest';
import { MAX_TITLE_FROM_CONTENT, titleFromContent } from './conversation-title.js';

describe('titleFromContent', () => {
  it('keeps a short single line as it is', () => {
    expect(titleFromContent('How do I bake bread?')).toBe('How do I bake bread?');
  });

  it('takes the first line with text and collapses its whitespace', () => {
    expect(titleFromContent('\n  \n  Plan   a\ttrip\t to  Rome \nwith details')).toBe(
      'Plan a trip to Rome',
    );
  });

  it('handles Windows line endings', () => {
    expect(titleFromContent('first line\r\nsecond line')).toBe('first line');
  });

  it('cuts a long line at a word boundary and adds an ellipsis', () => {
    const title = titleFromContent(`${'word '.repeat(40)}end`);
    expect(Array.from(title).length).toBeLessThanOrEqual(MAX_TITLE_FROM_CONTENT);
    expect(title.endsWith('word…')).toBe(true);
  });

  it('cuts a long line without spaces hard at the limit', () => {
    const title = titleFromContent('x'.repeat(200));
    expect(title).toBe(`${'x'.repeat(MAX_TITLE_FROM_CONTENT - 1)}…`);
  });

  it('keeps a line of exactly the limit whole', () => {
    const line = 'y'.repeat(MAX_TITLE_FROM_CONTENT);
    expect(titleFromContent(line)).toBe(line);
  });

  it('never splits an emoji in half', () => {
    const title = titleFromContent('😀'.repeat(100));
    expect(Array.from(title)).toHaveLength(MAX_TITLE_FROM_CONTENT);
    expect(title).toBe(`${'😀'.repeat(MAX_TITLE_FROM_CONTENT - 1)}…`);
  });

  it('is empty for a message with no text', () => {
    expect(titleFromContent('  \n\t \n')).toBe('');
  });
});
