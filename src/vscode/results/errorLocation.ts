// vscode layer, vscode-free: finds the failing line of a function error: the first stack frame inside the
// task root (Node "at … (file:line:col)" frames, Python 'File "…", line N' frames), mapped back to source.
import * as path from 'node:path';

export interface ErrorPayload {
  errorType?: string;
  errorMessage?: string;
  trace?: string[];
  stackTrace?: string[];
}

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

// A stack frame (`at f (file:line:col)`), or a whole line naming the place (a syntax error's first line).
const NODE_FRAME = /(?:^|\(|\s)(?:file:\/\/)?(\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?\s*$/;
const PYTHON_FRAME = /File "([^"]+)", line (\d+)/;

/** Parses an error payload; undefined when the payload is not an error object. */
export function parseErrorPayload(text: string): ErrorPayload | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && ('errorMessage' in v || 'errorType' in v)) return v as ErrorPayload;
  } catch {
    /* not JSON: no location */
  }
  return undefined;
}

/**
 * The first frame whose file lies in `sourceRoot` (the function's code folder). Frames in `runRoot` (the
 * extracted package the function ran from) or under /var/task map to the same relative path in it.
 */
export function findFailingFrame(payload: ErrorPayload, sourceRoot: string, runRoot?: string): SourceLocation | undefined {
  const lines = [...(payload.trace ?? []), ...(payload.stackTrace ?? [])].flatMap((l) => l.split('\n'));
  const root = path.resolve(sourceRoot);
  const run = runRoot ? path.resolve(runRoot) + path.sep : undefined;
  for (const line of lines) {
    const m = NODE_FRAME.exec(line) ?? PYTHON_FRAME.exec(line);
    if (!m) continue;
    let frameFile = decodeURIComponent(m[1]);
    if (run && frameFile.startsWith(run)) frameFile = path.join(root, frameFile.slice(run.length));
    const file = mapToRoot(frameFile, root);
    if (file) return { file, line: Number(m[2]), column: m[3] ? Number(m[3]) : 1 };
  }
  return undefined;
}

function mapToRoot(file: string, root: string): string | undefined {
  if (file.startsWith('/var/task/')) return path.join(root, file.slice('/var/task/'.length));
  const abs = path.resolve(file);
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel) || rel.split(path.sep).includes('node_modules')) return undefined;
  return abs;
}
