import websocket from '@fastify/websocket';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { AppError } from '../../platform/http/errors.js';
import { principalFromAccessToken } from '../auth/auth-guard.js';
import { refusalFor, type Principal } from '../auth/policy.js';
import type { ChatPluginOptions } from './chat-plugin-options.js';
import {
  checkAuthMessage,
  checkClientMessage,
  CLIENT_MESSAGE_TYPES,
  type ClientMessage,
} from './chat-socket.schema.js';
import { presentFollowEvent } from './follow-event.presenter.js';
import { finalEventOf } from './generations/generation-events.js';
import { presentMessage } from './message.presenter.js';
import { findMessage } from './messages.queries.js';
import { sendMessage } from './send-message.js';
import { MessageRateLimit } from './socket-limits.js';

export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_RATE_LIMITED = 4429;
const CLOSE_TOO_SLOW = 4008;
const AUTH_TIMEOUT_MS = 5_000;
/** Largest client message; bigger ones close the socket with 1009. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;
/** A reader this far behind is dropped rather than buffered without limit. */
const MAX_SOCKET_BUFFER_BYTES = 1024 * 1024;
/** Refusals in a row after which a flooding client is disconnected. */
const STRIKES_BEFORE_CLOSE = 5;
const MAX_FOLLOWS_PER_SOCKET = 100;

interface Connection {
  socket: WebSocket;
  principal: Principal | null;
  alive: boolean;
  follows: Map<string, () => void>;
}

/**
 * `GET /api/ws`: chat over one WebSocket. The first message must authenticate within 5 s;
 * afterwards the socket sends and follows its own user's generations only. Limits: sockets
 * per user, messages per minute per user, message size, and a bounded send buffer; sockets
 * that stop answering pings are dropped. A browser's `Origin` must be this server's or on
 * the CORS allow-list, so another site cannot open a socket with a user's cookies or token.
 */
export const chatSocket: FastifyPluginAsyncTypebox<ChatPluginOptions> = async (
  app,
  { services, config, gateway, chat },
) => {
  await app.register(websocket, { options: { maxPayload: MAX_SOCKET_MESSAGE_BYTES } });
  const limits = config.websocket;
  const rate = new MessageRateLimit(limits.messagesPerMinute);
  const connections = new Set<Connection>();
  const perUser = new Map<string, number>();

  const heartbeat = setInterval(() => {
    rate.prune();
    for (const connection of connections) {
      const { socket, principal } = connection;
      if (principal?.sessionId && services.revoked.has(principal.sessionId)) {
        socket.close(CLOSE_UNAUTHENTICATED, 'session revoked');
        continue;
      }
      if (!connection.alive) {
        socket.terminate();
        continue;
      }
      connection.alive = false;
      socket.ping();
    }
  }, limits.heartbeatMs);
  heartbeat.unref();
  app.addHook('onClose', () => clearInterval(heartbeat));

  const originAllowed = (request: FastifyRequest): boolean => {
    const origin = request.headers.origin;
    if (origin === undefined) return true; // not a browser
    if (config.corsOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  };

  app.get(
    '/api/ws',
    {
      websocket: true,
      config: { auth: false },
      schema: {
        tags: ['chat'],
        summary: 'Chat over WebSocket (see the API guide for the messages)',
        hide: false,
      },
      onRequest: (request, _reply, done) => {
        done(
          originAllowed(request)
            ? undefined
            : new AppError('forbidden', 'This origin may not open a chat socket.'),
        );
      },
    },
    (socket, request) => {
      const connection: Connection = { socket, principal: null, alive: true, follows: new Map() };
      connections.add(connection);
      const send = (message: Record<string, unknown>) => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_SOCKET_BUFFER_BYTES) {
          socket.close(CLOSE_TOO_SLOW, 'too slow');
          socket.terminate();
          return;
        }
        socket.send(JSON.stringify(message));
      };
      const sendError = (code: string, message: string, ref?: string) =>
        send({ type: 'error', code, message, ...(ref === undefined ? {} : { ref }) });
      const authTimer = setTimeout(
        () => socket.close(CLOSE_UNAUTHENTICATED, 'authentication timeout'),
        AUTH_TIMEOUT_MS,
      );

      const follow = async (messageId: string, ref?: string) => {
        const principal = connection.principal;
        if (!principal) return;
        if (connection.follows.has(messageId)) return;
        if (connection.follows.size >= MAX_FOLLOWS_PER_SOCKET) {
          sendError('rate_limited', 'This socket follows too many messages at once.', ref);
          return;
        }
        const message = await findMessage(services.db, principal.userId, messageId);
        if (!message) {
          sendError('not_found', 'No such message.', ref);
          return;
        }
        connection.follows.set(messageId, () => undefined);
        const stop = await chat.generations.follow(message, (event) => {
          const { name, data } = presentFollowEvent(event);
          send({ type: `chat.${name}`, ...data });
          if (name === 'done' || name === 'error') connection.follows.delete(messageId);
        });
        if (connection.follows.has(messageId) && socket.readyState === socket.OPEN) {
          connection.follows.set(messageId, stop);
        } else {
          stop();
        }
      };

      const handle = async (message: ClientMessage, principal: Principal) => {
        switch (message.type) {
          case 'ping':
            send({ type: 'pong', ...(message.ref === undefined ? {} : { ref: message.ref }) });
            return;
          case 'chat.send': {
            const sent = await sendMessage({
              db: services.db,
              config,
              gateway,
              generations: chat.generations,
              instanceId: chat.instanceId,
              userId: principal.userId,
              conversationId: message.conversationId,
              content: message.content,
              model: message.model,
            });
            send({
              type: 'chat.accepted',
              conversationId: message.conversationId,
              messageId: sent.assistantMessage.id,
              userMessage: presentMessage(sent.userMessage),
              assistantMessage: presentMessage(sent.assistantMessage),
              ...(message.ref === undefined ? {} : { ref: message.ref }),
            });
            await follow(sent.assistantMessage.id, message.ref);
            return;
          }
          case 'chat.follow':
            await follow(message.messageId, message.ref);
            return;
          case 'chat.cancel': {
            const target = await findMessage(services.db, principal.userId, message.messageId);
            if (!target || target.role !== 'assistant') {
              sendError('not_found', 'No such answer.', message.ref);
              return;
            }
            await chat.generations.cancel(target);
            if (!connection.follows.has(target.id)) {
              const after = await findMessage(services.db, principal.userId, target.id);
              if (after) {
                const { name, data } = presentFollowEvent(finalEventOf(after));
                send({ type: `chat.${name}`, ...data });
              }
            }
            return;
          }
        }
      };

      const authenticate = (value: unknown) => {
        const principal = checkAuthMessage.Check(value) ? principalFor(value.token) : null;
        if (!principal) {
          socket.close(CLOSE_UNAUTHENTICATED, 'authentication failed');
          return;
        }
        clearTimeout(authTimer);
        const open = perUser.get(principal.userId) ?? 0;
        if (open >= limits.maxConnectionsPerUser) {
          sendError('rate_limited', 'Too many open sockets for this user.');
          socket.close(CLOSE_RATE_LIMITED, 'too many sockets');
          return;
        }
        perUser.set(principal.userId, open + 1);
        connection.principal = principal;
        send({ type: 'auth.ok', userId: principal.userId });
      };

      const principalFor = (token: string): Principal | null => {
        if (token.startsWith('enc_')) return null; // API keys use the HTTP API
        const principal = principalFromAccessToken(services.tokens, services.revoked, token);
        if (!principal) return null;
        return refusalFor(principal, { scope: 'chat' }) ? null : principal;
      };

      socket.on('pong', () => {
        connection.alive = true;
      });
      socket.on('message', (data, isBinary) => {
        connection.alive = true;
        let value: unknown;
        try {
          const text = Buffer.isBuffer(data)
            ? data.toString('utf8')
            : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
          value = isBinary ? undefined : (JSON.parse(text) as unknown);
        } catch {
          value = undefined;
        }
        const principal = connection.principal;
        if (!principal) {
          authenticate(value);
          return;
        }
        if (principal.sessionId && services.revoked.has(principal.sessionId)) {
          socket.close(CLOSE_UNAUTHENTICATED, 'session revoked');
          return;
        }
        const budget = rate.take(principal.userId);
        if (!budget.allowed) {
          sendError('rate_limited', 'Too many messages; slow down.');
          if (budget.strikes >= STRIKES_BEFORE_CLOSE) {
            socket.close(CLOSE_RATE_LIMITED, 'rate limited');
          }
          return;
        }
        if (value === undefined) {
          sendError('malformed_json', 'Send each message as one JSON text frame.');
          return;
        }
        const type = fieldOf(value, 'type');
        const ref = fieldOf(value, 'ref');
        const refText = typeof ref === 'string' ? ref.slice(0, 100) : undefined;
        if (typeof type !== 'string' || !CLIENT_MESSAGE_TYPES.includes(type)) {
          sendError('unknown_type', `Unknown message type ${JSON.stringify(type)}.`, refText);
          return;
        }
        if (!checkClientMessage.Check(value)) {
          const first = checkClientMessage.Errors(value).First();
          sendError(
            'validation_failed',
            first ? `${first.path || '/'}: ${first.message}` : 'The message is not valid.',
            refText,
          );
          return;
        }
        handle(value, principal).catch((error: unknown) => {
          if (error instanceof AppError) {
            if (error.statusCode >= 500) {
              request.log.error({ err: error.cause ?? error }, 'chat socket message failed');
            }
            sendError(error.code, error.detail, refText);
            return;
          }
          request.log.error({ err: error }, 'chat socket message failed');
          sendError('internal_error', 'The message could not be handled.', refText);
        });
      });
      socket.on('close', () => {
        clearTimeout(authTimer);
        connections.delete(connection);
        for (const stop of connection.follows.values()) stop();
        connection.follows.clear();
        const principal = connection.principal;
        if (principal) {
          const open = (perUser.get(principal.userId) ?? 1) - 1;
          if (open <= 0) perUser.delete(principal.userId);
          else perUser.set(principal.userId, open);
        }
      });
    },
  );
};

function fieldOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
