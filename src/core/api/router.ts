// core/api: the operations table. Each operation is one row — method, the path pattern of the Lambda API
// model (e.g. POST /2015-03-31/functions/{FunctionName}/invocations), and a handler — so each issue that adds
// operations (concurrency, event-invoke config, event source mappings) adds rows, not code paths.
import type { IncomingHttpHeaders } from 'node:http';
import type { LambdaService } from '../service';

export interface ApiRequest {
  method: string;
  path: string;
  /** Path parameters, URL-decoded, by the names in the pattern ({FunctionName} → FunctionName). */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  /** This endpoint as the client reached it, http://127.0.0.1:<port> (for URLs the API hands out). */
  localUrl: string;
}

/** What a handler answers. A `stream` response writes the body itself (InvokeWithResponseStream). */
export type ApiResponse =
  | { status: number; headers?: Record<string, string>; body?: Buffer | string | object }
  | { status: number; headers?: Record<string, string>; stream: (write: (chunk: Buffer) => boolean) => Promise<void> };

export interface OperationContext {
  service: LambdaService;
  /** Where `Event` invokes go; undefined until the asynchronous-invocation issue provides a queue. */
  asyncInvoke?: AsyncInvokeHook;
}

/** Accepts an `Event` invoke for later; resolves once the event is durably queued (§9). */
export type AsyncInvokeHook = (functionName: string, payload: Buffer, options: { qualifier?: string; clientContext?: string }) => Promise<{ requestId?: string } | void>;

export interface Operation {
  /** The operation's name in the Lambda API model, for logs. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path pattern of the model; `?k=v` after the path requires that query parameter. */
  path: string;
  handler(req: ApiRequest, ctx: OperationContext): Promise<ApiResponse>;
}

interface CompiledRoute {
  op: Operation;
  regex: RegExp;
  names: string[];
  query?: [string, string];
}

export class Router {
  /**
   * Compiled on the first request: every engine serves the Lambda API for its functions' SDK calls, and a
   * one-shot CLI invoke whose function makes none would compile ~100 rows for nothing (issue 10).
   */
  private compiled: CompiledRoute[] | undefined;

  constructor(private readonly operations: readonly Operation[]) {}

  private get routes(): CompiledRoute[] {
    if (!this.compiled) {
      this.compiled = this.operations.map(compile);
      // A row that requires a query parameter (GET /2018-10-31/layers?find=LayerVersion) wins over the plain path.
      this.compiled.sort((a, b) => Number(!!b.query) - Number(!!a.query));
    }
    return this.compiled;
  }

  /** The operation for a request, or undefined. */
  match(method: string, path: string, query: URLSearchParams): { op: Operation; params: Record<string, string> } | undefined {
    const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    for (const r of this.routes) {
      if (r.op.method !== method) continue;
      if (r.query && query.get(r.query[0]) !== r.query[1]) continue;
      const m = r.regex.exec(p);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      return { op: r.op, params };
    }
    return undefined;
  }
}

function compile(op: Operation): CompiledRoute {
  const [path, q] = op.path.split('?');
  const names: string[] = [];
  const source = path
    .split('/')
    .map((seg) => {
      const m = /^\{(\w+)\}$/.exec(seg);
      if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]);
      return '([^/]+)';
    })
    .join('/');
  const query = q ? (q.split('=') as [string, string]) : undefined;
  return { op, regex: new RegExp(`^${source}$`), names, query };
}
