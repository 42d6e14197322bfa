// core/scheduler: one EnvironmentPool per function version, created on first use, all disposed together.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../common/clock';
import type { FunctionConfig } from '../model/functionConfig';
import type { LogStore } from '../logs/logStore';
import { resolveOptDir, resolveTaskRoot } from '../runtime/codeLocation';
import { ExecutionEnvironment } from '../runtime/environment';
import { hostFor, type RuntimeTable } from '../runtimes';
import type { StateLayout } from '../store/stateDir';
import { EnvironmentPool } from './environmentPool';

export interface PoolManagerOptions {
  clock: Clock;
  logs: LogStore;
  state: StateLayout;
  runtimes: RuntimeTable;
  runtimesDir: string;
  region: string;
  accountId: string;
  idleTimeoutMs: number;
  maxEnvironmentsPerFunction: number;
  initTimeoutMs?: number;
  warn(message: string): void;
}

export class PoolManager {
  private readonly pools = new Map<string, { pool: EnvironmentPool; fn: FunctionConfig }>();

  constructor(private readonly o: PoolManagerOptions) {}

  /** The pool for a function version; a changed configuration gets a fresh pool (old envs shut down). */
  poolFor(fn: FunctionConfig, version: string, debug?: { port: number; waitForAttach?: boolean }): EnvironmentPool {
    const key = debug ? `${fn.functionName}:${version}:debug:${debug.port}` : `${fn.functionName}:${version}`;
    const existing = this.pools.get(key);
    if (existing && existing.fn === fn) return existing.pool;
    if (existing) void existing.pool.dispose();
    const host = hostFor(this.o.runtimes, fn.runtime);
    const taskRoot = resolveTaskRoot(fn, this.o.state.root);
    const optDir = resolveOptDir(fn, this.o.state.root);
    const pool = new EnvironmentPool({
      clock: this.o.clock,
      idleTimeoutMs: this.o.idleTimeoutMs,
      // One debug environment per port: a second debug invoke waits for it (the port can serve only one).
      maxEnvironments: debug ? 1 : this.o.maxEnvironmentsPerFunction,
      create: async () => {
        const id = randomBytes(16).toString('hex');
        const env = new ExecutionEnvironment({
          id,
          fn,
          version,
          region: this.o.region,
          accountId: this.o.accountId,
          taskRoot,
          optDir,
          envDir: join(this.o.state.envs, id),
          runtimesDir: this.o.runtimesDir,
          host,
          clock: this.o.clock,
          logs: this.o.logs,
          warn: this.o.warn,
          initTimeoutMs: this.o.initTimeoutMs,
          debug: debug ? { port: debug.port, waitForAttach: debug.waitForAttach ?? true } : undefined,
        });
        await env.start();
        return env;
      },
    });
    this.pools.set(key, { pool, fn });
    return pool;
  }

  /** Every live environment, for status displays and tests. */
  environments(): ExecutionEnvironment[] {
    return [...this.pools.values()].flatMap((p) => p.pool.environments);
  }

  async dispose(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.pool.dispose()));
  }
}
