const MAX_SLUG = 60;
/** Letters NFKD does not take apart into a base letter and accents. */
const SPELLED_OUT = {
    ß: 'ss',
    æ: 'ae',
    œ: 'oe',
    ø: 'o',
    ł: 'l',
    đ: 'd',
    þ: 'th',
};
/**
 * A file name stem from a conversation title: ASCII letters and digits joined by dashes (accents
 * dropped), so nothing a user typed — quotes, semicolons, line breaks — reaches the
 * Content-Disposition header. `conversation` when nothing usable is left.
 */
export function slugOf(title) {
    const slug = (title ?? '')
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[ßæœøłđþ]/g, (letter) => SPELLED_OUT[letter] ?? '-')
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, MAX_SLUG)
        .replace(/^-+|-+$/g, '');
    return slug.length > 0 ? slug : 'conversation';
}
/** `attachment; filename="<slug>.<extension>"`, safe whatever the title holds. */
export function attachmentHeader(title, extension) {
    return `attachment; filename="${slugOf(title)}.${extension}"`;
}
const STATUS_NOTES = {
    queued: 'waiting for an answer',
    streaming: 'still being written',
    cancelled: 'cancelled',
    failed: 'failed',
    interrupted: 'interrupted',
};
/**
 * The conversation as Markdown: its title as the heading, then each message under
 * `### User` or `### Assistant (model)`, oldest first. Message text is written as it is.
 */
export function conversationMarkdown(conversation, messages) {
    const title = (conversation.title ?? 'Untitled conversation').replace(/\s+/g, ' ').trim();
    const parts = [`# ${title}`, ''];
    const facts = [`- Created: ${conversation.createdAt}`];
    if (conversation.model)
        facts.push(`- Model: ${conversation.model}`);
    parts.push(...facts, '');
    if (conversation.systemPrompt) {
        parts.push('## System prompt', '', conversation.systemPrompt, '');
    }
    for (const message of messages) {
        const heading = message.role === 'user'
            ? '### User'
            : `### Assistant${message.model ? ` (${message.model})` : ''}`;
        parts.push(heading, '', message.content);
        const note = STATUS_NOTES[message.status];
        if (note) {
            const code = message.errorCode ? `: ${message.errorCode}` : '';
            parts.push('', `_(${note}${code})_`);
        }
        parts.push('');
    }
    return `${parts.join('\n').trimEnd()}\n`;
}
//# sourceMappingURL=conversation-export.js.map