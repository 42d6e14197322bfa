// vscode layer: one debug invocation, owned by a `lambda` session: starts the invoke in debug mode on a
// free port, waits until the environment listens, attaches the language debugger as a child session,
// streams the function's log, and resolves with the result when the invocation ends.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InvokeResult } from '../../core/invoke/invokeTypes';
import type { FunctionConfig } from '../../core/model/functionConfig';
import { freePort } from '../../core/runtime/portCheck';
import type { LambdaService } from '../../core/service';
import type { WorkspaceServices } from '../workspaceServices';
import { childDebugConfig, DEBUGGER_EXTENSIONS, debugRuntimeOf, MissingDebuggerError, type DebugRuntime } from './childDebugConfig';
import { DEFAULT_ATTACH_TIMEOUT_S, eventPayload, launchVariant, resolvePath, type LambdaLaunchConfig } from './debugConfig';
import { locateDebugpy } from './debugpyLocator';
import type { InvokeOptions } from '../../core/invoke/invokeTypes';
import { mapTaskPaths } from '../results/sourcePaths';
import { EntryBreakpoints } from './entryBreakpoints';
import { WarmDebugPorts } from './warmDebug';
import { AttachTimeoutError, inspectorListening, raceReady } from './portWait';
import { DEBUGGER_ATTACHED } from '../../core/runtime/environmentDebug';

export type OutputCategory = 'console' | 'stdout' | 'stderr' | 'important';

export interface DebugRunDeps {
  services: WorkspaceServices;
  /** Debug environments left warm by earlier sessions, by function. */
  warm: WarmDebugPorts;
  /** The extension's runtimes folder (our bootstraps: skipped when stepping). */
  runtimesDir: string;
  parent: vscode.DebugSession;
  out(text: string, category: OutputCategory): void;
}

export class DebugRun implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly breakpoints = new EntryBreakpoints();
  private child: vscode.DebugSession | undefined;
  private svc: LambdaService | undefined;
  private port = 0;
  private attached = false;
  /** Set when this session may leave its environment warm for the next Debug of the same function. */
  private warmKey: string | undefined;
  /** Settles when the invocation ends (after start() succeeded). */
  invocation: Promise<InvokeResult> | undefined;
  fn: FunctionConfig | undefined;

  constructor(private readonly d: DebugRunDeps) {}

  /** Everything up to the attached debugger; throws an Error whose message says what happened and what to do. */
  async start(c: LambdaLaunchConfig): Promise<void> {
    const folder = this.d.parent.workspaceFolder;
    const base = folder?.uri.fsPath ?? path.dirname(c.template);
    const template = resolvePath(c.template, base);
    const svc = (this.svc = await this.d.services.serviceForLaunch(template, launchVariant(c)));
    const fns = await svc.listFunctions();
    const fn = (this.fn = fns.find((f) => f.logicalId === c.function));
    if (!fn) throw new Error(`No function "${c.function}" in ${template}. Functions there: ${fns.map((f) => f.logicalId).join(', ') || 'none'}.`);
    const runtime = debugRuntimeOf(fn.runtime);
    if (!runtime) throw new Error(`Debugging supports Node.js and Python functions; "${fn.logicalId}" uses ${fn.runtime}. Use "Invoke" for it.`);
    const ext = DEBUGGER_EXTENSIONS[runtime].map((e) => ({ ...e, ext: vscode.extensions.getExtension(e.id) })).find((e) => e.ext);
    if (!ext) throw new MissingDebuggerError(runtime);
    const event = await eventPayload(c, base);
    const env = { ...c.env };
    if (runtime === 'python') {
      const debugpy = locateDebugpy({ configured: c.debugpyPath, extensionPath: ext.ext?.extensionPath });
      if (debugpy) env.LAMBDA_WORKBENCH_DEBUGPY_PATH = debugpy;
    }
    const lines = await this.breakpoints.add(fn, { handlerEntry: c.stopOnEntry, initCode: c.debugInitCode });
    // A version or alias: one concrete version (an alias's routing applied once, here) runs under the debugger.
    const version = c.qualifier ? await svc.versionOf(fn.logicalId, c.qualifier) : '$LATEST';
    const qualified = version === '$LATEST' ? '' : ` ${c.qualifier === version ? `version ${version}` : `alias ${c.qualifier} → version ${version}`} (its published snapshot)`;
    // Node.js environments stay warm between sessions (init code runs once, so not with debugInitCode).
    if (runtime === 'nodejs' && !c.port && !c.debugInitCode && version === '$LATEST') {
      this.warmKey = WarmDebugPorts.key(template, fn.logicalId, env);
      const warmPort = this.d.warm.take(this.warmKey);
      if (warmPort !== undefined && svc.hasWarmDebugEnvironment(warmPort)) {
        return this.startWarm(folder, svc, fn, warmPort, event, env);
      }
    }
    this.port = c.port ?? (await freePort());
    const listening = this.watchLog(svc, fn, runtime);
    this.d.out(`Debugging ${fn.logicalId}${qualified} (${fn.runtime}) with ${event.source} on 127.0.0.1:${this.port}${lines.entry !== undefined ? `, stopping at handler entry (line ${lines.entry + 1})` : ''}\n`, 'console');
    const options: InvokeOptions = { debug: { port: this.port, waitForAttach: true }, logType: 'Tail', ...(Object.keys(env).length ? { environment: env } : {}), ...(version !== '$LATEST' ? { qualifier: version } : {}) };
    const invocation = (this.invocation = svc.invoke(fn.logicalId, event.payload, options).catch((e: unknown) => {
      throw this.explain(e);
    }));
    const probe = runtime === 'nodejs' ? inspectorListening(this.port) : undefined;
    const timeoutS = c.attachTimeout ?? DEFAULT_ATTACH_TIMEOUT_S;
    try {
      await raceReady(probe?.ready ?? listening, invocation, timeoutS * 1000, 'attach');
    } catch (e) {
      throw e instanceof AttachTimeoutError
        ? new Error(`The environment of "${fn.logicalId}" did not open debug port ${this.port} within ${timeoutS} s, so no debugger could attach. See its log in the Debug Console or the Lambda output channel; raise "attachTimeout" in the launch configuration if its start is slow.`)
        : e;
    } finally {
      probe?.stop();
    }
    const codeDir = fn.code.kind === 'directory' ? fn.code.path : path.dirname(fn.templatePath);
    const config = childDebugConfig({
      runtime,
      type: ext.type,
      name: `${fn.logicalId} (${runtime === 'nodejs' ? 'Node.js' : 'Python'})`,
      port: this.port,
      codeDir,
      taskRoot: await svc.taskRootOf(fn.logicalId, version),
      runtimesDir: this.d.runtimesDir,
      bundled: fn.metadata?.BuildMethod === 'esbuild',
    });
    await this.attach(folder, config as vscode.DebugConfiguration);
  }

  /**
   * A warm environment already runs the function's code: attach first, wait until the debugger has set its
   * breakpoints (its configurationDone), then send the event — no cold start.
   */
  private async startWarm(
    folder: vscode.WorkspaceFolder | undefined,
    svc: LambdaService,
    fn: FunctionConfig,
    port: number,
    event: { payload: string; source: string },
    env: Record<string, string>,
  ): Promise<void> {
    this.port = port;
    this.watchLog(svc, fn, 'nodejs').catch(() => undefined);
    this.d.out(`Debugging ${fn.logicalId} (${fn.runtime}) with ${event.source} on 127.0.0.1:${port}, in its warm debug environment\n`, 'console');
    const configured = this.childConfigured();
    const codeDir = fn.code.kind === 'directory' ? fn.code.path : path.dirname(fn.templatePath);
    const config = childDebugConfig({
      runtime: 'nodejs',
      type: 'pwa-node',
      name: `${fn.logicalId} (Node.js)`,
      port,
      codeDir,
      taskRoot: await svc.taskRootOf(fn.logicalId),
      runtimesDir: this.d.runtimesDir,
      bundled: fn.metadata?.BuildMethod === 'esbuild',
    });
    await this.attach(folder, config as vscode.DebugConfiguration);
    await configured;
    const options: InvokeOptions = { debug: { port, waitForAttach: true }, logType: 'Tail', ...(Object.keys(env).length ? { environment: env } : {}) };
    this.invocation = svc.invoke(fn.logicalId, event.payload, options).catch((e: unknown) => {
      throw this.explain(e);
    });
  }

  /**
   * Resolves when the debugger has bound the breakpoints in the running process: js-debug's attach session
   * (our child) answers configurationDone at once, but breakpoints are set by the target session it starts
   * for the process (our grandchild), which answers configurationDone only after its setBreakpoints. Sending
   * the event after the child's answer ran past the breakpoints on every warm Debug. Gives up after 10 s.
   */
  private childConfigured(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      const parentId = this.d.parent.id;
      this.disposables.push(
        vscode.debug.registerDebugAdapterTrackerFactory('*', {
          createDebugAdapterTracker: (session) =>
            !isTargetSessionOf(session, parentId)
              ? undefined
              : {
                  onDidSendMessage: (m: { type?: string; command?: string }) => {
                    if (m.type === 'response' && m.command === 'configurationDone') {
                      clearTimeout(timer);
                      resolve();
                    }
                  },
                },
        }),
      );
    });
  }

  private async attach(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<void> {
    this.disposables.push(vscode.debug.onDidStartDebugSession((s) => {
      if (!this.child && s.parentSession?.id === this.d.parent.id) this.child = s;
    }));
    const ok = await vscode.debug.startDebugging(folder, config, {
      parentSession: this.d.parent,
      compact: true,
      lifecycleManagedByParent: true,
      consoleMode: vscode.DebugConsoleMode.MergeWithParent,
    });
    if (!ok) throw new Error(`The ${config.type} debugger could not attach to 127.0.0.1:${this.port}. See the Debug Console; "Debug" again to retry.`);
    this.attached = true;
  }

  /** Streams the function's log lines to the Debug Console; resolves when debugpy says it listens. */
  private watchLog(svc: LambdaService, fn: FunctionConfig, runtime: DebugRuntime): Promise<void> {
    return new Promise<void>((resolve) => {
      const marker = `debugpy://127.0.0.1:${this.port}`;
      this.disposables.push(
        svc.onLog((e) => {
          if (e.functionName !== fn.functionName) return;
          // The session says when the debugger attached (and how long it took); Node's own lines come for
          // every inspector session, the engine's pause watcher included.
          if (e.message === DEBUGGER_ATTACHED) return;
          const message = mapTaskPaths(e.message, fn.code.kind === 'directory' ? fn.code.path : undefined);
          this.d.out(message.endsWith('\n') ? message : `${message}\n`, e.source === 'platform' ? 'console' : 'stdout');
          if (runtime === 'python' && e.message.includes(marker)) resolve();
        }),
      );
    });
  }

  private explain(e: unknown): Error {
    const err = e as { code?: string; message?: string };
    if (err.code === 'DEBUG_PORT_IN_USE') {
      return new Error(`Debug port ${this.port} on 127.0.0.1 is already in use. Stop what listens there, or remove "port" from the launch configuration so a free port is picked.`);
    }
    return e instanceof Error ? e : new Error(String(e));
  }

  /** Stops the child debugger, removes temporary breakpoints, releases an environment nobody attached to. */
  async dispose(): Promise<void> {
    this.breakpoints.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    const child = this.child;
    this.child = undefined;
    if (child) await detach(child);
    if (this.svc && this.port && this.invocation) {
      const svc = this.svc;
      const port = this.port;
      // Only an attached session's invocation is sure to end (a detaching debugger resumes the function).
      const finished = this.attached
        ? await Promise.race([
            this.invocation.then((r) => r.status === 'success' || r.functionError !== undefined, () => false),
            new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
          ])
        : false;
      if (this.attached && this.warmKey && finished && svc.hasWarmDebugEnvironment(port)) {
        // Left warm: the next Debug of this function attaches here and runs without a cold start.
        this.d.warm.keep(this.warmKey, port);
        this.d.out(`The debug environment of ${this.fn?.logicalId ?? 'the function'} stays warm on 127.0.0.1:${port}: the next Debug attaches to it without a cold start.\n`, 'console');
      } else {
        // Nobody can use it (or it never got a debugger): end it, also one still waiting to attach.
        await svc.stopDebugEnvironment(port).catch(() => undefined);
      }
    }
  }
}

/**
 * Ends the language debugger's session (and the target sessions it started) by asking it to disconnect
 * over DAP. stopDebugging() on a child whose lifecycle the parent manages routes the request to the parent,
 * which is ending itself, and the children stay "Running" (they piled up, one set per Debug).
 */
async function detach(child: vscode.DebugSession): Promise<void> {
  const ended = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve();
    }, 5000);
    const sub = vscode.debug.onDidTerminateDebugSession((s) => {
      if (s.id !== child.id) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
  await Promise.resolve(child.customRequest('disconnect', { terminateDebuggee: false })).catch(() => undefined);
  await ended;
}

/** True for a session started by a session our `lambda` session started (a target of the attach), not the attach itself. */
function isTargetSessionOf(session: vscode.DebugSession, parentId: string): boolean {
  const up = session.parentSession;
  if (!up || up.id === parentId) return false;
  for (let p: vscode.DebugSession | undefined = up; p; p = p.parentSession) if (p.id === parentId) return true;
  return false;
}
