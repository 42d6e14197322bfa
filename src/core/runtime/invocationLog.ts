// core/runtime: the log of one execution environment: writes platform lines (text or JSON format, §4.2,
// §4.4) and the runtime's output to the LogStore, tags lines with the invocation in flight, and keeps
// the last 4 KB of each invocation for LogType Tail (§4.5).
import type { Clock } from '../common/clock';
import type { FunctionConfig } from '../model/functionConfig';
import { functionArn } from '../model/arn';
import type { LogStore } from '../logs/logStore';
import { billedDurationMs, jsonLines, textLines, type ReportFields } from '../logs/platformLines';

const TAIL_BYTES = 4096;

export interface ReportInput extends Omit<ReportFields, 'billedDurationMs'> {
  producedBytes: number;
}

export class InvocationLog {
  private requestId: string | undefined;
  private tail: string[] = [];
  private tailBytes = 0;
  private readonly json: boolean;

  constructor(
    private readonly store: LogStore,
    private readonly clock: Clock,
    private readonly fn: FunctionConfig,
    private readonly logStream: string,
    private readonly region: string,
    private readonly version: string,
    private readonly accountId: string,
  ) {
    this.json = fn.logging.logFormat === 'JSON';
  }

  initStart(): void {
    const time = new Date(this.clock.now()).toISOString();
    this.emit(
      this.json
        ? jsonLines.initStart(this.fn.runtime, this.region, this.fn.functionName, this.version, time)
        : textLines.initStart(this.fn.runtime, this.region),
      'platform',
    );
  }

  initReport(durationMs: number, phase: 'init' | 'invoke', status: 'error' | 'timeout', errorType?: string): void {
    const time = new Date(this.clock.now()).toISOString();
    this.emit(this.json ? jsonLines.initReport(durationMs, phase, status, time, errorType) : textLines.initReport(durationMs, phase, status, errorType), 'platform');
  }

  start(requestId: string): void {
    this.requestId = requestId;
    this.tail = [];
    this.tailBytes = 0;
    if (!this.json) return this.emit(textLines.start(requestId, this.version), 'platform');
    const time = new Date(this.clock.now()).toISOString();
    this.emit(jsonLines.start(requestId, functionArn(this.region, this.accountId, this.fn.functionName), this.version, time), 'platform');
  }

  /** A line the runtime wrote to stdout or stderr. */
  appLine(line: string): void {
    this.emit(line, 'function');
  }

  /** A line the platform writes on the invocation's behalf (timeouts, runtime exits). */
  platformLine(line: string, _requestId: string): void {
    this.emit(line, 'platform');
  }

  /** END and REPORT; returns the billed duration and the invocation's tail. */
  endAndReport(r: ReportInput): { billedDurationMs: number; tail: string } {
    const billed = billedDurationMs(r.durationMs, r.initDurationMs);
    const fields: ReportFields = { ...r, billedDurationMs: billed };
    if (this.json) {
      const time = new Date(this.clock.now()).toISOString();
      this.emit(jsonLines.runtimeDone(r.requestId, r.status, r.durationMs, r.producedBytes, time, r.errorType), 'platform');
      this.emit(jsonLines.report(fields, time), 'platform');
    } else {
      this.emit(textLines.end(r.requestId), 'platform');
      this.emit(textLines.report(fields), 'platform');
    }
    const tail = this.tail.join('\n') + '\n';
    this.requestId = undefined;
    this.tail = [];
    this.tailBytes = 0;
    return { billedDurationMs: billed, tail: tail.length > TAIL_BYTES ? tailOf(tail) : tail };
  }

  private emit(message: string, source: 'platform' | 'function'): void {
    if (this.requestId !== undefined) {
      this.tail.push(message);
      this.tailBytes += message.length + 1;
      while (this.tailBytes > TAIL_BYTES * 2 && this.tail.length > 1) this.tailBytes -= this.tail.shift()!.length + 1;
    }
    this.store.append({
      timestamp: this.clock.now(),
      message,
      logGroup: this.fn.logging.logGroup,
      logStream: this.logStream,
      functionName: this.fn.functionName,
      requestId: this.requestId,
      source,
    });
  }
}

/** The last 4 KB (bytes, UTF-8) of a log text. */
function tailOf(text: string): string {
  const buf = Buffer.from(text, 'utf8');
  return buf.subarray(Math.max(0, buf.length - TAIL_BYTES)).toString('utf8');
}
