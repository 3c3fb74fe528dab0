import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import type { MessagesTable } from '../../../platform/db/tables.js';
import type { EventHub } from '../../../platform/events/event-hub.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Logger } from '../../../platform/logging/logger.js';
import {
  UpstreamError,
  type ChatTurn,
  type ModelGateway,
  type TokenUsage,
} from '../../models/upstream.types.js';
import {
  INTERRUPTED,
  about,
  finalEventOf,
  isFinished,
  isTerminal,
  type FollowEvent,
  type GenerationEvent,
} from './generation-events.js';
import type { LiveText } from './live-text.js';
import type { StreamingTextWriter } from './streaming-text-writer.js';

/** What a generation needs to run: its assistant message and the turns to send. */
export interface GenerationJob {
  messageId: string;
  conversationId: string;
  userId: string;
  model: string;
  turns: ChatTurn[];
}

type StopReason = 'cancelled' | 'interrupted';

interface Running {
  job: GenerationJob;
  text: string;
  status: 'queued' | 'streaming';
  controller: AbortController;
  stopReason: StopReason | null;
  /** Set once the final state is written and its event is being published. */
  ended: boolean;
  /** Its place in the upstream's queue while it waits (null once it runs). */
  position: number | null;
  finished: Promise<void>;
}

export interface GenerationsDeps {
  db: Kysely<Database>;
  gateway: ModelGateway;
  hub: EventHub<GenerationEvent>;
  liveText: LiveText;
  writer: StreamingTextWriter;
  logger: Logger;
  /** This server instance; stored on the messages it runs. */
  instanceId: string;
}

const REMOTE_CANCEL_WAIT_MS = 3_000;

/**
 * Runs generations as server-side jobs that no client connection owns: a client that goes
 * away stops following, not generating. Text goes to followers as it arrives and to the
 * database in batches (StreamingTextWriter); the final state is written before the final
 * event is published, so a client that sees `done` and reloads sees the finished message.
 */
export class Generations {
  readonly #running = new Map<string, Running>();

  constructor(private readonly deps: GenerationsDeps) {}

  get runningCount(): number {
    return this.#running.size;
  }

  /** Starts a generation in the background; its message must exist in status `queued`. */
  start(job: GenerationJob): void {
    const controller = new AbortController();
    const running: Running = {
      job,
      text: '',
      status: 'queued',
      controller,
      stopReason: null,
      ended: false,
      position: null,
      finished: Promise.resolve(),
    };
    this.#running.set(job.messageId, running);
    const unsubscribe = this.deps.hub.subscribe(job.messageId, (event) => {
      if (event.type === 'cancel-request') this.#stop(running, 'cancelled');
    });
    running.finished = this.#run(running)
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, messageId: job.messageId }, 'generation crashed');
      })
      .finally(() => {
        unsubscribe();
        this.#running.delete(job.messageId);
      });
  }

  /**
   * Cancels a generation wherever it runs and resolves once it has stopped (or, when no
   * instance answers, marks it cancelled here). A finished message is left as it is.
   */
  async cancel(message: Selectable<MessagesTable>): Promise<void> {
    const local = this.#running.get(message.id);
    if (local) {
      this.#stop(local, 'cancelled');
      await local.finished;
      return;
    }
    if (message.status !== 'queued' && message.status !== 'streaming') return;
    const ended = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        unsubscribe();
        resolve(false);
      }, REMOTE_CANCEL_WAIT_MS);
      const unsubscribe = this.deps.hub.subscribe(message.id, (event) => {
        if (!isTerminal(event)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(true);
      });
    });
    this.deps.hub.publish({ ...about(message), type: 'cancel-request' });
    if (await ended) return;
    // No instance runs it (its runner died before the sweep noticed): cancel it in place.
    const updated = await this.deps.db
      .updateTable('messages')
      .set({ status: 'cancelled', runner_id: null, updated_at: new Date().toISOString() })
      .where('id', '=', message.id)
      .where('status', 'in', ['queued', 'streaming'])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) {
      this.deps.hub.publish({ ...about(message), type: 'done', status: 'cancelled', usage: null });
    }
  }

  /**
   * Replays what `message` holds so far to `listener`, then follows it live until it ends.
   * Returns a function that stops following. The listener sees each character once, in
   * order, whichever instance runs the generation: events lost while Redis was away are read
   * back from storage when Redis is heard again, or when a later delta shows the gap.
   */
  async follow(
    message: Selectable<MessagesTable>,
    listener: (event: FollowEvent) => void,
  ): Promise<() => void> {
    let sent = 0;
    let ended = false;
    /** While storage is being read, live events wait here; they come after what it holds. */
    let reading = true;
    let remote = false;
    const waiting: FollowEvent[] = [];
    let stopRejoined: () => void = () => undefined;
    const stop = () => {
      ended = true;
      unsubscribe();
      stopRejoined();
    };
    const emit = (event: FollowEvent) => {
      if (ended) return;
      if (event.type === 'delta') {
        const end = event.offset + event.delta.length;
        if (end <= sent) return;
        const delta = event.delta.slice(Math.max(0, sent - event.offset));
        sent = end;
        listener({ ...event, offset: end - delta.length, delta });
        return;
      }
      if (isTerminal(event)) stop();
      listener(event);
    };
    const releaseWaiting = () => {
      reading = false;
      for (const event of waiting.splice(0)) emit(event);
    };
    /** A catch-up asked for while one is reading, which may have read too early. */
    let catchUpAgain = false;
    const catchUp = async () => {
      if (ended) return;
      if (reading) {
        catchUpAgain = true;
        return;
      }
      reading = true;
      try {
        const stored = await this.#stored(message.id);
        if (stored) replay(stored.current, stored.text);
        else stop();
      } catch (error) {
        this.deps.logger.warn(
          { reason: (error as Error).message, messageId: message.id },
          'could not catch up on a followed answer',
        );
      }
      releaseWaiting();
      if (catchUpAgain) {
        catchUpAgain = false;
        await catchUp();
      }
    };
    // Subscribe before reading, so nothing that happens in between is missed.
    const unsubscribe = this.deps.hub.subscribe(message.id, (event) => {
      if (event.type === 'cancel-request' || ended) return;
      if (reading) {
        waiting.push(event);
      } else if (remote && event.type === 'delta' && event.offset > sent) {
        waiting.push(event);
        void catchUp();
      } else {
        emit(event);
      }
    });
    const base = about(message);
    const replay = (current: Selectable<MessagesTable>, text: string | null) => {
      if (isFinished(current.status)) {
        if (current.content.length > 0) {
          emit({ ...base, type: 'delta', offset: 0, delta: current.content });
        }
        emit(finalEventOf(current));
      } else if (text) {
        emit({ ...base, type: 'delta', offset: 0, delta: text });
      }
    };

    const running = this.#running.get(message.id);
    const local = running && !running.ended ? running : undefined;
    if (local) {
      // A follower that arrives while the answer waits learns its place at once.
      if (local.status === 'queued' && local.position !== null) {
        emit({ ...base, type: 'queued', position: local.position });
      }
      if (local.text.length > 0) emit({ ...base, type: 'delta', offset: 0, delta: local.text });
    } else {
      const stored = await this.#stored(message.id);
      if (!stored) {
        stop();
        return () => undefined;
      }
      replay(stored.current, stored.text);
      remote = true;
      stopRejoined = this.deps.hub.onRejoined(() => void catchUp());
    }
    releaseWaiting();
    return ended ? () => undefined : stop;
  }

  /** A message as stored, with its text so far (Redis's live copy while it is generated). */
  async #stored(
    messageId: string,
  ): Promise<{ current: Selectable<MessagesTable>; text: string | null } | undefined> {
    let current = await this.#reload(messageId);
    if (!current || isFinished(current.status)) return current && { current, text: null };
    const text = await this.deps.liveText.read(messageId);
    if (text !== null) return { current, text };
    // Not started, or it ended since the read above (the final text is written first).
    current = await this.#reload(messageId);
    return current && { current, text: current.content };
  }

  /** Stops every generation of this instance, marking them `interrupted`, and waits for them. */
  async close(): Promise<void> {
    const all = [...this.#running.values()];
    for (const running of all) this.#stop(running, 'interrupted');
    await Promise.all(all.map((running) => running.finished));
  }

  #stop(running: Running, reason: StopReason): void {
    if (running.stopReason) return;
    running.stopReason = reason;
    running.controller.abort(new Error(`generation ${reason}`));
  }

  async #run(running: Running): Promise<void> {
    const { job } = running;
    const { hub, writer, liveText } = this.deps;
    const base = aboutJob(job);
    let usage: TokenUsage | null = null;
    let failure: { code: string; message: string } | null = null;
    try {
      const stream = this.deps.gateway.streamChat({
        model: job.model,
        messages: job.turns,
        userId: job.userId,
        signal: running.controller.signal,
        onQueued: (position) => {
          running.position = position;
          hub.publish({ ...base, type: 'queued', position });
        },
        onStarted: () => {
          running.status = 'streaming';
          running.position = null;
          writer.markChanged({ messageId: job.messageId, text: running.text, status: 'streaming' });
        },
      });
      for await (const event of stream) {
        if (running.controller.signal.aborted) break;
        if (event.type === 'done') {
          usage = event.usage;
          continue;
        }
        if (event.text.length === 0) continue;
        const offset = running.text.length;
        running.text += event.text;
        running.status = 'streaming';
        liveText.append(job.messageId, offset, event.text);
        hub.publish({ ...base, type: 'delta', offset, delta: event.text });
        writer.markChanged({ messageId: job.messageId, text: running.text, status: 'streaming' });
      }
    } catch (error) {
      if (!running.controller.signal.aborted) failure = failureOf(error, this.deps.logger, job);
    }
    const status = running.stopReason ?? (failure ? 'failed' : 'complete');
    await this.#finish(running, status, failure, usage);
  }

  async #finish(
    running: Running,
    status: 'complete' | 'cancelled' | 'interrupted' | 'failed',
    failure: { code: string; message: string } | null,
    usage: TokenUsage | null,
  ): Promise<void> {
    const { job } = running;
    const base = aboutJob(job);
    // Committed before the final event goes out: a client that sees it and reloads finds the
    // finished message.
    await this.deps.writer.finish({
      messageId: job.messageId,
      text: running.text,
      status,
      errorCode: failure?.code ?? null,
      usage,
    });
    this.deps.liveText.clear(job.messageId);
    running.ended = true;
    if (status === 'complete' || status === 'cancelled') {
      this.deps.hub.publish({ ...base, type: 'done', status, usage });
    } else if (status === 'interrupted') {
      this.deps.hub.publish({ ...base, ...INTERRUPTED });
    } else {
      this.deps.hub.publish({
        ...base,
        type: 'error',
        status: 'failed',
        code: failure?.code ?? 'upstream_error',
        message: failure?.message ?? 'The generation failed.',
      });
    }
  }

  async #reload(messageId: string): Promise<Selectable<MessagesTable> | undefined> {
    return this.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirst();
  }
}

function aboutJob(job: GenerationJob) {
  return {
    topic: job.messageId,
    messageId: job.messageId,
    conversationId: job.conversationId,
    userId: job.userId,
  };
}

function failureOf(
  error: unknown,
  logger: Logger,
  job: GenerationJob,
): { code: string; message: string } {
  if (error instanceof UpstreamError) return { code: error.code, message: error.message };
  if (error instanceof AppError) return { code: error.code, message: error.detail };
  logger.error({ err: error, messageId: job.messageId }, 'generation failed unexpectedly');
  return { code: 'upstream_error', message: 'The generation failed.' };
}
