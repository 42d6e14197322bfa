// vscode layer, vscode-free: where a function's handler lives: the source file a handler string names
// (Node: "dir/file.export", Python: "pkg.module.function") and the line of that export in the file.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { FunctionConfig } from '../../core/model/functionConfig';

export interface HandlerTarget {
  file: string;
  exportName: string;
}

const NODE_EXTS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/** The file and export the handler names, or undefined (inline code, custom runtime, file missing). */
export function locateHandler(fn: FunctionConfig): HandlerTarget | undefined {
  if (fn.code.kind !== 'directory' || !fn.handler) return undefined;
  const root = fn.code.path;
  if (fn.runtime.startsWith('python')) {
    const dot = fn.handler.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const file = path.join(root, ...fn.handler.slice(0, dot).split('.')) + '.py';
    return existsSync(file) ? { file, exportName: fn.handler.slice(dot + 1) } : undefined;
  }
  if (!fn.runtime.startsWith('nodejs')) return undefined;
  // Node.js: the module is everything up to the first dot after the last slash (§3.1).
  const slash = fn.handler.lastIndexOf('/');
  const dot = fn.handler.indexOf('.', slash + 1);
  if (dot <= 0) return undefined;
  const base = path.join(root, fn.handler.slice(0, dot));
  const exportName = fn.handler.slice(dot + 1).split('.')[0];
  for (const ext of NODE_EXTS) if (existsSync(base + ext)) return { file: base + ext, exportName };
  const entry = esbuildEntryFor(fn, root, fn.handler.slice(0, dot));
  return entry ? { file: entry, exportName } : undefined;
}

/**
 * BuildMethod esbuild: the handler names the bundle's output (`app.handler` → app.js), which esbuild writes
 * for each entry point at its path relative to the entries' common folder (`EntryPoints: [src/app.ts]` →
 * app.js). The source is the entry point whose output is the handler's module.
 */
function esbuildEntryFor(fn: FunctionConfig, root: string, module: string): string | undefined {
  if (fn.metadata?.BuildMethod !== 'esbuild') return undefined;
  const props = fn.metadata.BuildProperties as { EntryPoints?: unknown } | undefined;
  const raw = props?.EntryPoints;
  const entries = (Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : []).map((e) => e.trim()).filter(Boolean);
  const files = entries.map((e) => {
    const abs = path.resolve(root, e);
    if (path.extname(abs)) return abs;
    return ['.ts', '.js'].map((x) => abs + x).find((f) => existsSync(f)) ?? abs + '.ts';
  });
  if (files.length === 0) return undefined;
  const outbase = files.map((f) => path.dirname(f)).reduce((a, b) => {
    while (path.relative(a, b).startsWith('..')) a = path.dirname(a);
    return a;
  });
  const want = path.normalize(module);
  const match = files.find((f) => {
    const rel = path.relative(outbase, f);
    return rel.slice(0, rel.length - path.extname(rel).length) === want;
  }) ?? files.find((f) => path.basename(f, path.extname(f)) === path.basename(want));
  return match && existsSync(match) ? match : undefined;
}

/** 0-based line of the export's definition, or 0 when it cannot be found by simple patterns. */
export function findExportLine(text: string, exportName: string, python: boolean): number {
  const name = exportName.replace(/[$]/g, '\\$');
  const patterns = python
    ? [new RegExp(`^\\s*(?:async\\s+)?def\\s+${name}\\s*\\(`), new RegExp(`^${name}\\s*=`)]
    : [
        new RegExp(`^\\s*export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${name}\\b`),
        new RegExp(`^\\s*export\\s+(?:const|let|var)\\s+${name}\\b`),
        new RegExp(`^\\s*(?:module\\.)?exports\\.${name}\\s*=`),
        new RegExp(`^\\s*(?:async\\s+)?function\\s+${name}\\b`),
        new RegExp(`^\\s*(?:const|let|var)\\s+${name}\\s*=`),
        new RegExp(`\\b${name}\\s*[:,}]`),
      ];
  const lines = text.split(/\r?\n/);
  for (const re of patterns) {
    const i = lines.findIndex((l) => re.test(l));
    if (i >= 0) return i;
  }
  return 0;
}
