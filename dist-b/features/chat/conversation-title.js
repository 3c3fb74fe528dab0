export const MAX_TITLE_FROM_CONTENT = 80;
/**
 * A conversation title taken from its first message: the first line with text, whitespace
 * collapsed, cut at a word boundary to at most 80 characters with an ellipsis. Empty when the
 * message holds no text.
 */
export function titleFromContent(content) {
    const line = content
        .split(/\r\n|\r|\n/)
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .find((l) => l.length > 0) ?? '';
    const chars = Array.from(line); // code points, so no emoji or surrogate pair is cut in half
    if (chars.length <= MAX_TITLE_FROM_CONTENT)
        return line;
    const cut = chars.slice(0, MAX_TITLE_FROM_CONTENT - 1).join('');
    const space = cut.lastIndexOf(' ');
    // Prefer a word boundary unless it throws away most of the line.
    const head = space >= MAX_TITLE_FROM_CONTENT / 2 ? cut.slice(0, space) : cut;
    return `${head.trimEnd()}…`;
}
//# sourceMappingURL=conversation-title.js.map