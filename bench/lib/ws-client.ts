import WebSocket from 'ws';
import type { StreamTiming } from './sse-client.js';

interface ServerMessage {
  type?: string;
  conversationId?: string;
  ref?: string;
  code?: string;
  message?: string;
}

/** A frame's text, whichever form `ws` hands it over in. */
function textOf(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

interface Pending {
  started: number;
  firstTokenMs: number;
  deltas: number;
  resolve: (timing: StreamTiming) => void;
  reject: (error: Error) => void;
}

/** Opens a WebSocket and resolves once it is open; rejects on an error or an early close. */
export function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const fail = (error: Error) => {
      socket.terminate();
      reject(error);
    };
    socket.once('open', () => {
      socket.off('error', fail);
      resolve(socket);
    });
    socket.once('error', fail);
  });
}

/** Resolves with the first message of `type` (parsed), rejecting if the socket closes first. */
function nextOfType(socket: WebSocket, type: string): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(textOf(data)) as ServerMessage;
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onClose = (code: number, reason: Buffer) => {
      cleanup();
      reject(new Error(`socket closed (${code} ${reason.toString()}) before ${type}`));
    };
    const cleanup = () => {
      socket.off('message', onMessage);
      socket.off('close', onClose);
    };
    socket.on('message', onMessage);
    socket.on('close', onClose);
  });
}

/** An open socket authenticated with `{type:'auth'}`; resolves after `auth.ok`. */
export async function openAuthenticatedSocket(url: string, token: string): Promise<WebSocket> {
  const socket = await openSocket(url);
  const ok = nextOfType(socket, 'auth.ok');
  socket.send(JSON.stringify({ type: 'auth', token }));
  try {
    await ok;
  } catch (error) {
    socket.terminate();
    throw error;
  }
  return socket;
}

/**
 * Chat over one authenticated socket: `send` resolves when its conversation's answer is done,
 * with the time from `chat.send` to the first `chat.delta`. One answer per conversation at a
 * time; several conversations may stream at once.
 */
export class ChatSocket {
  readonly #pending = new Map<string, Pending>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.#receive(JSON.parse(textOf(data)) as ServerMessage));
    socket.on('close', (code) => {
      for (const pending of this.#pending.values()) {
        pending.reject(new Error(`socket closed (${code}) mid-answer`));
      }
      this.#pending.clear();
    });
  }

  static async open(url: string, token: string): Promise<ChatSocket> {
    return new ChatSocket(await openAuthenticatedSocket(url, token));
  }

  send(conversationId: string, content: string, model?: string): Promise<StreamTiming> {
    return new Promise((resolve, reject) => {
      this.#pending.set(conversationId, {
        started: performance.now(),
        firstTokenMs: NaN,
        deltas: 0,
        resolve,
        reject,
      });
      this.socket.send(
        JSON.stringify({
          type: 'chat.send',
          conversationId,
          content,
          ref: conversationId,
          ...(model === undefined ? {} : { model }),
        }),
      );
    });
  }

  close(): void {
    this.socket.close();
  }

  #receive(message: ServerMessage): void {
    const key = message.type === 'error' ? message.ref : message.conversationId;
    const pending = key === undefined ? undefined : this.#pending.get(key);
    if (!pending) return;
    const { type } = message;
    if (type === 'chat.delta') {
      if (pending.deltas === 0) pending.firstTokenMs = performance.now() - pending.started;
      pending.deltas += 1;
    } else if (type === 'chat.done') {
      this.#pending.delete(key as string);
      pending.resolve({
        firstTokenMs: pending.firstTokenMs,
        totalMs: performance.now() - pending.started,
        deltas: pending.deltas,
      });
    } else if (type === 'chat.error' || type === 'error') {
      this.#pending.delete(key as string);
      pending.reject(new Error(`${type} ${message.code}: ${message.message}`));
    }
    // Anything else (chat.accepted, chat.queued) changes nothing here.
  }
}
