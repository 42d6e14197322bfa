// vscode layer, vscode-free: finds a debugpy the function's Python can import: the configured folder, the
// Python Debugger extension's bundled copy, or the system's python3-debugpy. Returns the folder that
// CONTAINS the `debugpy` package (what LAMBDA_WORKBENCH_DEBUGPY_PATH carries to the bootstrap).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

const SYSTEM_DIST_PACKAGES = '/usr/lib/python3/dist-packages';

function hasDebugpy(dir: string): boolean {
  return existsSync(path.join(dir, 'debugpy', '__init__.py'));
}

/** `~/.vscode*\/extensions/ms-python.debugpy-*\/bundled/libs`, newest version first. */
function bundledCopies(home: string): string[] {
  const out: string[] = [];
  let homes: string[] = [];
  try {
    homes = readdirSync(home).filter((n) => n.startsWith('.vscode'));
  } catch {
    return out;
  }
  for (const h of homes) {
    const exts = path.join(home, h, 'extensions');
    let names: string[] = [];
    try {
      names = readdirSync(exts).filter((n) => n.startsWith('ms-python.debugpy-'));
    } catch {
      continue;
    }
    names.sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
    out.push(...names.map((n) => path.join(exts, n, 'bundled', 'libs')));
  }
  return out;
}

export interface DebugpyLookup {
  /** `debugpyPath` from the launch configuration. */
  configured?: string;
  /** The installed Python Debugger extension's folder, when VS Code knows it. */
  extensionPath?: string;
  home?: string;
  systemDir?: string;
}

/** The first folder holding debugpy, or undefined (the bootstrap then tries a plain `import debugpy`). */
export function locateDebugpy(o: DebugpyLookup = {}): string | undefined {
  const candidates = [
    o.configured,
    o.extensionPath && path.join(o.extensionPath, 'bundled', 'libs'),
    ...bundledCopies(o.home ?? homedir()),
    o.systemDir ?? SYSTEM_DIST_PACKAGES,
  ].filter((c): c is string => !!c);
  return candidates.find(hasDebugpy);
}
