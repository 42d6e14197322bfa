// vscode layer, vscode-free: the language debugger's attach configuration that the `lambda` session starts
// as its child (js-debug for Node.js, debugpy for Python), and which extension provides each debugger.
import * as path from 'node:path';

export type DebugRuntime = 'nodejs' | 'python';

/** Extensions that provide each language debugger, in order of preference, with the debug type to use. */
export const DEBUGGER_EXTENSIONS: Record<DebugRuntime, readonly { id: string; type: string }[]> = {
  nodejs: [
    { id: 'ms-vscode.js-debug', type: 'pwa-node' },
    { id: 'ms-vscode.js-debug-nightly', type: 'pwa-node' },
  ],
  python: [
    { id: 'ms-python.debugpy', type: 'debugpy' },
    // Before the debugger moved out of the Python extension, it provided the `python` type itself.
    { id: 'ms-python.python', type: 'python' },
  ],
};

/** A message for a missing debugger extension, naming the extension to install. */
export function missingDebuggerMessage(runtime: DebugRuntime): string {
  const [first] = DEBUGGER_EXTENSIONS[runtime];
  return runtime === 'python'
    ? `Debugging Python functions needs the Python Debugger extension (${first.id}). Install it from the Extensions view, then Debug again.`
    : `Debugging Node.js functions needs the JavaScript Debugger extension (${first.id}), which VS Code ships built in. Enable it in the Extensions view, then Debug again.`;
}

/** Debugging needs a debugger extension that is not installed: the message, and the extension to offer. */
export class MissingDebuggerError extends Error {
  readonly extensionId: string;
  constructor(readonly runtime: DebugRuntime) {
    super(missingDebuggerMessage(runtime));
    this.extensionId = DEBUGGER_EXTENSIONS[runtime][0].id;
  }
}

export function debugRuntimeOf(runtime: string): DebugRuntime | undefined {
  if (runtime.startsWith('nodejs')) return 'nodejs';
  if (runtime.startsWith('python')) return 'python';
  return undefined;
}

export interface ChildConfigInput {
  runtime: DebugRuntime;
  /** The debug type of the installed debugger extension (pwa-node, debugpy, python). */
  type: string;
  name: string;
  port: number;
  /** The function's source folder (CodeUri). */
  codeDir: string;
  /** Where the environment runs the code from (the extracted package); the source folder until packaging lands. */
  taskRoot: string;
  /** The extension's runtimes folder (our bootstraps), never stepped into. */
  runtimesDir: string;
  /** Node.js: the package is a bundle with source maps (esbuild): its maps lead back to the sources. */
  bundled?: boolean;
}

/** The attach configuration for the child session. */
export function childDebugConfig(i: ChildConfigInput): Record<string, unknown> {
  if (i.runtime === 'nodejs') {
    const roots = [...new Set([i.taskRoot, i.codeDir])];
    return {
      type: i.type,
      request: 'attach',
      name: i.name,
      address: '127.0.0.1',
      port: i.port,
      // The bootstrap waits in inspector.waitForDebugger(); js-debug sends runIfWaitingForDebugger once
      // breakpoints are set, so breakpoints in the module's top-level code bind.
      continueOnAttach: true,
      sourceMaps: true,
      // Built packages (esbuild) keep .js + .js.map side by side; maps name the original .ts files.
      outFiles: roots.map((r) => path.join(r, '**', '*.{js,mjs,cjs}')).concat('!**/node_modules/**'),
      resolveSourceMapLocations: roots.map((r) => path.join(r, '**')).concat('!**/node_modules/**'),
      skipFiles: [path.join(i.runtimesDir, '**'), '<node_internals>/**'],
      // A copied package (no bundling) runs the same files from the task root: map them back to the sources.
      ...(!i.bundled && i.taskRoot !== i.codeDir ? { localRoot: i.codeDir, remoteRoot: i.taskRoot } : {}),
      attachExistingChildren: false,
      autoAttachChildProcesses: false,
      timeout: 10_000,
    };
  }
  return {
    type: i.type,
    request: 'attach',
    name: i.name,
    connect: { host: '127.0.0.1', port: i.port },
    // The environment imports the handler from the task root; breakpoints are set in the source folder.
    pathMappings: [{ localRoot: i.codeDir, remoteRoot: i.taskRoot }],
    justMyCode: true,
  };
}
