// In-environment Node.js runtime: the invoke loop — next event, context, handler call, completion — for buffered
// and streaming handlers, Node ≤22 and Node 24+ semantics (lambda-semantics.md §1.7, §3.2, §3.4; RIC src/Runtime.js).
import { resetBeforeExit, setBeforeExit } from './beforeExit';
import { buildCallbackContext, serializeResult } from './callbackContext';
import { attachContext, readInvokeHeaders, type EnvironmentData, type InvokeHeaders } from './context';
import { intoError, JSONStringifyError, NodeJsExit } from './errors';
import type { HandlerMetadata, UserHandler } from './handlerResolver';
import { logError, setLoggingContext } from './logPatch';
import { syncLogs } from './logSync';
import type { Invocation, RuntimeClient } from './runtimeClient';
import { createResponseStream } from './streaming';

/** Where uncaught exceptions and unhandled rejections are reported: init error first, then the current invocation. */
export interface ErrorCallbacks {
  uncaughtException(error: unknown): void;
  unhandledRejection(error: unknown): void;
}

export interface RuntimeOptions {
  client: RuntimeClient;
  handler: UserHandler;
  metadata: HandlerMetadata;
  errorCallbacks: ErrorCallbacks;
  envData: EnvironmentData;
  /** Node.js 24+: no callbacks, no event-loop wait, results awaited (RIC 4.x, src/runtime/*). */
  node24: boolean;
}

const isPromise = (v: unknown): v is PromiseLike<unknown> => Boolean(v) && typeof (v as { then?: unknown }).then === 'function';

export class Runtime {
  /** After an answer: the next GET /next goes out in the same write as the answer (runtimeClient.ts). */
  private readonly scheduleNext = (): void => this.askNext();
  private readonly stringifyError: () => Error;
  /** Init's output is read before the first event's START (logSync.ts). */
  private initSynced = false;

  constructor(private readonly o: RuntimeOptions) {
    this.stringifyError = o.node24 ? () => new JSONStringifyError('Unable to stringify response body') : () => new Error('Unable to stringify response body');
  }

  /** Starts the next iteration at the next turn of the event loop. */
  scheduleIteration(): void {
    setImmediate(() => this.askNext());
  }

  /**
   * Sends GET /next now and handles the event when it arrives — always on a later turn of the event loop, never
   * inside the stack that answered the previous one.
   */
  private askNext(): void {
    let logSync: number | undefined;
    if (!this.initSynced) {
      this.initSynced = true;
      logSync = syncLogs('init');
    }
    this.o.client
      .next(logSync)
      .then((next) => this.handleOnce(next))
      .catch((err: unknown) => {
        // A Runtime API failure or a bootstrap bug: reported like an uncaught exception (RIC).
        console.log(`Unexpected Top Level Error: ${String(err)}`);
        this.o.errorCallbacks.uncaughtException(err);
      });
  }

  private async handleOnce({ body, headers }: Invocation): Promise<void> {
    const inv = readInvokeHeaders(headers);
    setLoggingContext(inv.requestId, inv.tenantId);
    this.setErrorCallbacks(inv.requestId);
    if (this.o.metadata.streaming) await this.handleStreaming(inv, body);
    else if (this.o.node24) await this.handleNode24(inv, body);
    else this.handleBuffered(inv, body);
  }

  /** Node ≤22 buffered model: promise, callback and legacy context completion (§3.2). */
  private handleBuffered(inv: InvokeHeaders, body: string): void {
    const { client, handler, metadata } = this.o;
    const { callback, context, markCompleted } = buildCallbackContext(client, inv.requestId, this.scheduleNext, this.stringifyError);
    try {
      // Loop drained without completion: async handler → Runtime.NodeJsExit; otherwise success `null` (§3.2).
      setBeforeExit(() => {
        markCompleted();
        if (metadata.isAsync) {
          const err = new NodeJsExit();
          logError('Invoke Error', err);
          client.postError(inv.requestId, err, this.scheduleNext, true);
        } else {
          client.postResponse(inv.requestId, 'null', this.scheduleNext, true);
        }
      });
      const result = handler(JSON.parse(body), attachContext(context, inv, this.o.envData), callback);
      if (isPromise(result)) {
        // Async handlers respond as soon as the promise settles, without waiting for the loop (§3.2).
        Promise.resolve(result).then(context.succeed, context.fail).catch(context.fail);
      }
    } catch (err) {
      callback(err);
    }
  }

  /** Node 24+: `await handler(event, context)`, then post; no callback, no beforeExit completion. */
  private async handleNode24(inv: InvokeHeaders, body: string): Promise<void> {
    const { client, handler } = this.o;
    try {
      const context = attachContext({}, inv, this.o.envData);
      const result = await handler(JSON.parse(body), context);
      await new Promise((r) => setImmediate(r));
      client.postResponse(inv.requestId, serializeResult(result, this.stringifyError), this.scheduleNext, true);
    } catch (err) {
      await new Promise((r) => setImmediate(r));
      logError('Invoke Error', err);
      client.postError(inv.requestId, err, this.scheduleNext, true);
    }
  }

  /** Streaming handlers: (event, responseStream, context); errors after the first byte go to trailers (§3.4). */
  private async handleStreaming(inv: InvokeHeaders, body: string): Promise<void> {
    const { stream, responseDone, fail } = createResponseStream(this.o.client, inv.requestId);
    let waitForEmptyEventLoop = true;
    const base = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(v: boolean) {
        waitForEmptyEventLoop = v;
      },
    };
    const scheduleNext = (): void => {
      resetBeforeExit();
      if (!waitForEmptyEventLoop || this.o.node24) this.scheduleIteration();
      else setBeforeExit(() => setImmediate(() => this.scheduleIteration()));
    };
    const failStream = (err: unknown): void => {
      logError('Invoke Error', intoError(err));
      fail(err, scheduleNext);
    };
    // If the loop drains mid-invocation, just move on (RIC _setStreamingExitListener).
    setBeforeExit(() => this.scheduleIteration());
    try {
      const context = attachContext(base, inv, this.o.envData);
      const pending = this.o.handler(JSON.parse(body), stream, context);
      if (!isPromise(pending)) {
        failStream('Streaming does not support non-async handlers.');
        return;
      }
      const result = await pending;
      if (result !== undefined) console.warn('Streaming handlers ignore return values.');
      await responseDone;
      if (!stream.writableFinished) {
        failStream('Response stream is not finished.');
        return;
      }
      scheduleNext();
    } catch (err) {
      failStream(err);
    }
  }

  private setErrorCallbacks(requestId: string): void {
    const { client, errorCallbacks } = this.o;
    errorCallbacks.uncaughtException = (error) => client.postError(requestId, error, () => process.exit(129));
    errorCallbacks.unhandledRejection = (error) => client.postError(requestId, error, () => process.exit(128));
  }
}
