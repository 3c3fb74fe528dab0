import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { IdParams } from '../auth/auth.schema.js';
import { principalOf } from '../auth/auth-guard.js';
import { attachmentHeader, conversationMarkdown } from './conversation-export.js';
import { decodeSearchCursor, encodeSearchCursor, searchMessages } from './conversation-search.js';
import { decodeConversationCursor, deleteConversation, encodeConversationCursor, findConversation, insertConversation, listAllMessages, listConversations, listMessagesWindow, updateConversation, } from './conversations.queries.js';
import { ConversationExport, ConversationList, ConversationSchema, ConversationWithMessages, CreateConversationBody, DEFAULT_PAGE_SIZE, ExportQuery, ListQuery, MessagesWindowQuery, SearchQuery, SearchResults, UpdateConversationBody, presentConversation, } from './conversations.schema.js';
import { presentMessage } from './message.presenter.js';
const tags = ['conversations'];
const chatScope = { auth: { scope: 'chat' } };
const notFound = () => new AppError('not_found', 'No such conversation.');
/** Conversations: CRUD, the message window, search and export; each only ever the caller's. */
export const conversationRoutes = async (app, { services }) => {
    const { db } = services;
    app.post('/api/conversations', {
        config: chatScope,
        schema: {
            tags,
            summary: 'Start a conversation',
            body: CreateConversationBody,
            response: { 201: ConversationSchema },
        },
    }, async (request, reply) => {
        const { title, model, systemPrompt } = request.body;
        const now = new Date().toISOString();
        const row = await insertConversation(db, {
            id: newId(),
            user_id: principalOf(request).userId,
            title: title ?? null,
            model: model ?? null,
            system_prompt: systemPrompt ?? null,
            created_at: now,
            updated_at: now,
        });
        return reply.code(201).send(presentConversation(row));
    });
    app.get('/api/conversations', {
        config: chatScope,
        schema: {
            tags,
            summary: "The caller's conversations, most recently active first",
            querystring: ListQuery,
            response: { 200: ConversationList },
        },
    }, async (request) => {
        const { limit = DEFAULT_PAGE_SIZE, cursor } = request.query;
        const after = cursor === undefined ? undefined : decodeConversationCursor(cursor);
        if (after === null)
            throw new AppError('validation_failed', 'The cursor is not valid.');
        const page = await listConversations(db, principalOf(request).userId, { limit, after });
        return {
            items: page.rows.map(presentConversation),
            nextCursor: page.next ? encodeConversationCursor(page.next) : null,
        };
    });
    app.get('/api/conversations/search', {
        config: chatScope,
        schema: {
            tags,
            summary: "Full-text search over the caller's messages, best match first",
            querystring: SearchQuery,
            response: { 200: SearchResults },
        },
    }, async (request) => {
        const { q, limit = DEFAULT_PAGE_SIZE, cursor } = request.query;
        if (q.trim().length === 0)
            throw new AppError('validation_failed', 'q must not be empty.');
        const offset = cursor === undefined ? 0 : decodeSearchCursor(cursor);
        if (offset === null)
            throw new AppError('validation_failed', 'The cursor is not valid.');
        const rows = await searchMessages(db, {
            userId: principalOf(request).userId,
            q,
            limit,
            offset,
        });
        const more = rows.length > limit;
        return {
            items: rows.slice(0, limit).map((row) => ({
                conversationId: row.conversation_id,
                conversationTitle: row.conversation_title,
                messageId: row.message_id,
                role: row.role,
                snippet: row.snippet,
                createdAt: row.created_at,
            })),
            nextCursor: more ? encodeSearchCursor(offset + limit) : null,
        };
    });
    app.get('/api/conversations/:id', {
        config: chatScope,
        schema: {
            tags,
            summary: 'A conversation with its newest messages (page older ones with `before`)',
            params: IdParams,
            querystring: MessagesWindowQuery,
            response: { 200: ConversationWithMessages },
        },
    }, async (request) => {
        const { userId } = principalOf(request);
        const { limit = DEFAULT_PAGE_SIZE, before } = request.query;
        const conversation = await findConversation(db, userId, request.params.id);
        if (!conversation)
            throw notFound();
        const window = await listMessagesWindow(db, userId, conversation.id, { limit, before });
        return {
            ...presentConversation(conversation),
            messages: window.rows.map(presentMessage),
            hasMore: window.hasMore,
            nextBefore: window.hasMore ? (window.rows[0]?.id ?? null) : null,
        };
    });
    app.patch('/api/conversations/:id', {
        config: chatScope,
        schema: {
            tags,
            summary: "Change a conversation's title, model or system prompt",
            params: IdParams,
            body: UpdateConversationBody,
            response: { 200: ConversationSchema },
        },
    }, async (request) => {
        const { userId } = principalOf(request);
        const { title, model, systemPrompt } = request.body;
        // Settings are not activity: updated_at (the list order) stays as it is.
        const changes = {
            ...(title !== undefined ? { title } : {}),
            ...(model !== undefined ? { model } : {}),
            ...(systemPrompt !== undefined ? { system_prompt: systemPrompt } : {}),
        };
        const row = Object.keys(changes).length > 0
            ? await updateConversation(db, userId, request.params.id, changes)
            : await findConversation(db, userId, request.params.id);
        if (!row)
            throw notFound();
        return presentConversation(row);
    });
    app.delete('/api/conversations/:id', {
        config: chatScope,
        schema: {
            tags,
            summary: 'Delete a conversation and its messages',
            params: IdParams,
            response: { 204: Type.Null({ description: 'deleted' }) },
        },
    }, async (request, reply) => {
        const deleted = await deleteConversation(db, principalOf(request).userId, request.params.id);
        if (!deleted)
            throw notFound();
        return reply.code(204).send(null);
    });
    app.get('/api/conversations/:id/export', {
        config: chatScope,
        schema: {
            tags,
            summary: 'Download a conversation and all its messages as JSON or Markdown',
            params: IdParams,
            querystring: ExportQuery,
            response: {
                200: {
                    content: {
                        'application/json': { schema: ConversationExport },
                        'text/markdown': { schema: Type.String() },
                    },
                },
            },
        },
    }, async (request, reply) => {
        const { userId } = principalOf(request);
        const { format = 'json' } = request.query;
        const row = await findConversation(db, userId, request.params.id);
        if (!row)
            throw notFound();
        const conversation = presentConversation(row);
        const messages = (await listAllMessages(db, userId, row.id)).map(presentMessage);
        if (format === 'markdown') {
            return reply
                .header('content-disposition', attachmentHeader(row.title, 'md'))
                .type('text/markdown; charset=utf-8')
                .send(conversationMarkdown(conversation, messages));
        }
        return reply
            .header('content-disposition', attachmentHeader(row.title, 'json'))
            .type('application/json; charset=utf-8')
            .send({ conversation, messages, exportedAt: new Date().toISOString() });
    });
};
//# sourceMappingURL=conversations.routes.js.map