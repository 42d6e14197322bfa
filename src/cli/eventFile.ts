// cli: the event of `invoke --event <file|->`, read and checked before any engine starts, so a typo in an
// event file is reported with its absolute path and line:column rather than as a bare JSON.parse message.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { WorkbenchError } from '../core/common/errors';
import { generateSampleEvent } from '../core/samples';
import { findJsonSyntaxError } from '../core/template/jsonSyntax';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** The event bytes: `{}` without --event, standard input for `-`, a built-in sample for `sample:<id>`, else the file (relative to `cwd`). */
export async function readEvent(event: string | undefined, cwd: string, stdin: Readable = process.stdin): Promise<Buffer> {
  if (event === undefined) return Buffer.from('{}');
  // `sample:<service>/<event>`: a fresh built-in sample (generate-event's).
  if (event.startsWith('sample:')) return Buffer.from(generateSampleEvent(event.slice('sample:'.length)));
  const path = event === '-' ? undefined : resolve(cwd, event);
  let bytes: Buffer;
  try {
    // Not readFileSync(0): blocked in a synchronous read, the CLI could not act on Ctrl-C.
    bytes = path ? await readFile(path) : await readAll(stdin);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason = READ_ERRORS[code] ?? (e as Error).message;
    const what = path ? `the event file "${path}"` : 'the event from standard input';
    // The absolute path and the folder a relative --event was resolved from: the usual mistake is the folder.
    const from = path && event !== path ? ` (--event "${event}" from the working directory "${cwd}")` : '';
    throw new WorkbenchError('INVALID_PARAMETER', `Cannot read ${what}${from}: ${reason}. Check the --event path (or pass - to read standard input).`, { cause: e, file: path });
  }
  checkJson(bytes.toString('utf8'), path);
  return bytes;
}

function checkJson(text: string, path: string | undefined): void {
  // An empty event is `{}`, as the Invoke API treats an empty payload.
  if (text.trim() === '') return;
  const err = findJsonSyntaxError(text);
  if (!err) return;
  const before = text.slice(0, err.offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  const what = path ? 'Event file' : 'Event on standard input';
  throw new WorkbenchError('INVALID_REQUEST_CONTENT', `${what} is not valid JSON; fix the syntax at ${path ?? '<stdin>'}:${line}:${column}: ${err.reason}`, { file: path, line, column });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}
