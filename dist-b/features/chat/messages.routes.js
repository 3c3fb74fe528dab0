import { AppError } from '../../platform/http/errors.js';
import { IdParams } from '../auth/auth.schema.js';
import { principalOf } from '../auth/auth-guard.js';
import { openEventStream } from './event-stream.js';
import { presentFollowEvent } from './follow-event.presenter.js';
import { MessageSchema, presentMessage } from './message.presenter.js';
import { findMessage } from './messages.queries.js';
import { EVENT_STREAM_DESCRIPTION, SendMessageBody, SentMessages } from './messages.schema.js';
import { sendMessage } from './send-message.js';
const tags = ['chat'];
const chatScope = { auth: { scope: 'chat' } };
function wantsEventStream(request) {
    return (request.headers.accept ?? '').includes('text/event-stream');
}
/** Streams a message's generation as SSE until it ends or the client goes away. */
async function streamMessage(chat, message, reply) {
    const stream = openEventStream(reply);
    chat.streams.add(stream);
    stream.onClose(() => chat.streams.delete(stream));
    const stop = await chat.generations.follow(message, (event) => {
        const { name, data } = presentFollowEvent(event);
        stream.send(name, data);
        if (name === 'done' || name === 'error')
            stream.end();
    });
    // Leaving stops following, never the generation.
    stream.onClose(stop);
}
export const messageRoutes = async (app, { services, config, gateway, chat }) => {
    const { db } = services;
    const { generations } = chat;
    app.post('/api/conversations/:id/messages', {
        config: chatScope,
        schema: {
            tags,
            summary: "Send a message; the answer is generated on the server whether or not it's followed",
            description: `Otherwise: 202 with both messages. ${EVENT_STREAM_DESCRIPTION}`,
            params: IdParams,
            body: SendMessageBody,
            response: { 202: SentMessages },
        },
    }, async (request, reply) => {
        const { userMessage, assistantMessage } = await sendMessage({
            db,
            config,
            gateway,
            generations,
            instanceId: chat.instanceId,
            userId: principalOf(request).userId,
            conversationId: request.params.id,
            content: request.body.content,
            model: request.body.model,
        });
        if (wantsEventStream(request)) {
            await streamMessage(chat, assistantMessage, reply);
            return reply;
        }
        return reply.code(202).send({
            userMessage: presentMessage(userMessage),
            assistantMessage: presentMessage(assistantMessage),
        });
    });
    app.get('/api/messages/:id', {
        config: chatScope,
        schema: {
            tags,
            summary: 'One of your messages',
            params: IdParams,
            response: { 200: MessageSchema },
        },
    }, async (request) => presentMessage(await ownMessage(request.params.id, request)));
    app.get('/api/messages/:id/stream', {
        config: chatScope,
        schema: {
            tags,
            summary: 'Replay a message so far, then follow it live until it ends (SSE)',
            description: EVENT_STREAM_DESCRIPTION,
            params: IdParams,
        },
    }, async (request, reply) => {
        const message = await ownMessage(request.params.id, request);
        await streamMessage(chat, message, reply);
        return reply;
    });
    app.post('/api/messages/:id/cancel', {
        config: chatScope,
        schema: {
            tags,
            summary: 'Stop a generation; the message keeps its text so far, with status cancelled',
            description: 'A message that has already finished is returned unchanged.',
            params: IdParams,
            response: { 200: MessageSchema },
        },
    }, async (request) => {
        const message = await ownMessage(request.params.id, request);
        if (message.role !== 'assistant') {
            throw new AppError('conflict', 'Only an answer being generated can be cancelled.');
        }
        await generations.cancel(message);
        return presentMessage(await ownMessage(message.id, request));
    });
    async function ownMessage(id, request) {
        const message = await findMessage(db, principalOf(request).userId, id);
        if (!message)
            throw new AppError('not_found', 'No such message.');
        return message;
    }
};
//# sourceMappingURL=messages.routes.js.map