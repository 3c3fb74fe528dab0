import { sql, SqliteAdapter } from 'kysely';
/** At most this many words of a query are searched for; the rest are ignored. */
const MAX_TERMS = 32;
/** About this many words of a message are shown around a match. */
const SNIPPET_WORDS = 24;
/** Deeper than this, search results are not paged (ranked results are paged by offset). */
export const MAX_SEARCH_OFFSET = 10_000;
/** The opaque `nextCursor` of a search page: base64url of the offset it starts at. */
export function encodeSearchCursor(offset) {
    return Buffer.from(`o:${offset}`).toString('base64url');
}
/** The offset a search cursor marks, or null when it is not one this server made. */
export function decodeSearchCursor(text) {
    const match = /^o:(\d{1,6})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
    if (!match?.[1])
        return null;
    const offset = Number(match[1]);
    return offset <= MAX_SEARCH_OFFSET ? offset : null;
}
/**
 * The words of a user's query: split on whitespace, keeping only those with a letter or digit
 * in them (a lone `*` or `(` cannot match anything in either database).
 */
export function searchTerms(q) {
    return q
        .split(/\s+/u)
        .filter((term) => /[\p{L}\p{N}]/u.test(term))
        .slice(0, MAX_TERMS);
}
/**
 * An FTS5 MATCH expression for the terms: each quoted as a string (inner quotes doubled), so
 * FTS5 syntax typed by the user (`"`, `*`, `:`, `NEAR`, `AND`, parentheses) is only text, and
 * all terms must occur.
 */
export function fts5Query(terms) {
    return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
}
/**
 * Full-text search over one user's messages, best match first (bm25 on SQLite, ts_rank on
 * PostgreSQL; ties newest first). Returns up to `limit + 1` rows from `offset`, so the caller can
 * tell whether another page exists.
 */
export async function searchMessages(db, props) {
    const { userId, limit, offset } = props;
    const terms = searchTerms(props.q);
    if (terms.length === 0)
        return [];
    const take = limit + 1;
    if (db.getExecutor().adapter instanceof SqliteAdapter) {
        // Column 0 of messages_fts is the content; snippet() reads it from messages by rowid.
        const result = await sql `
      select m.id as message_id, m.conversation_id, c.title as conversation_title, m.role,
        m.created_at, snippet(messages_fts, 0, '', '', '…', ${SNIPPET_WORDS}) as snippet
      from messages_fts
      join messages m on m.rowid = messages_fts.rowid
      join conversations c on c.id = m.conversation_id
      where messages_fts match ${fts5Query(terms)}
        and m.user_id = ${userId} and c.user_id = ${userId}
      order by bm25(messages_fts), m.id desc
      limit ${take} offset ${offset}`.execute(db);
        return result.rows;
    }
    // plainto_tsquery treats its input as plain words, whatever operators it contains. The
    // snippet is made only for the page's rows, after ranking, as ts_headline reads whole texts.
    const text = terms.join(' ');
    const result = await sql `
    select hit.message_id, hit.conversation_id, hit.conversation_title, hit.role, hit.created_at,
      ts_headline('simple', m.content, plainto_tsquery('simple', ${text}),
        ${`StartSel="", StopSel="", MaxWords=${SNIPPET_WORDS}, MinWords=${Math.round(SNIPPET_WORDS / 2)}, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "`}
      ) as snippet
    from (
      select m.id as message_id, m.conversation_id, c.title as conversation_title, m.role,
        m.created_at, ts_rank(m.search, query) as rank
      from messages m
      join conversations c on c.id = m.conversation_id
      cross join plainto_tsquery('simple', ${text}) as query
      where m.search @@ query and m.user_id = ${userId} and c.user_id = ${userId}
      order by rank desc, m.id desc
      limit ${take} offset ${offset}
    ) as hit
    join messages m on m.id = hit.message_id
    order by hit.rank desc, hit.message_id desc`.execute(db);
    return result.rows;
}
//# sourceMappingURL=conversation-search.js.map