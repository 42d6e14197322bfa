// vscode layer, vscode-free: saved events as tests (the Testing view). A function's tests are its project events
// (`events/*.json` next to the template and in the function's folder) and its saved events (the event picker's
// store); a test passes when the function returns without a function error and, when `<event>.expected.json`
// lies beside the event, its result deep-equals that file's JSON.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { projectEvents } from '../events/projectEvents';
import type { EventStore } from '../events/eventStore';
import { parseErrorPayload } from '../results/errorLocation';

export interface EventTest {
  /** Shown in the Testing view: the file name without .json. */
  label: string;
  /** The event file. */
  path: string;
  /** Where the event comes from, shown as the test's description. */
  origin: 'events/' | 'saved';
}

const EXPECTED = '.expected.json';

/** The `<event>.expected.json` beside an event file. */
export function expectedFileOf(eventPath: string): string {
  return eventPath.replace(/\.json$/, EXPECTED);
}

/** A function's event tests: project events (template folder, then its own folder), then saved ones; expectations are not tests. */
export async function eventTests(templateDir: string, codeDir: string | undefined, store: EventStore, logicalId: string): Promise<EventTest[]> {
  const project = await projectEvents([templateDir, codeDir]);
  const saved = (await store.list(logicalId)).filter((e) => !e.path.endsWith(EXPECTED));
  return [...project.map((e) => ({ label: e.name, path: e.path, origin: 'events/' as const })), ...saved.map((e) => ({ label: e.name, path: e.path, origin: 'saved' as const }))];
}

export type Verdict = { passed: true } | { passed: false; message: string; expected?: string; actual?: string };

/** Whether an invocation passes its test: no function error, and the expected result when there is one. */
export async function judge(eventPath: string, result: { functionError?: string; payload: Buffer; errorType?: string }): Promise<Verdict> {
  const text = result.payload.toString('utf8');
  if (result.functionError) {
    const e = parseErrorPayload(text);
    return { passed: false, message: `${e?.errorType ?? result.errorType ?? 'Unhandled'}: ${e?.errorMessage ?? text}` };
  }
  const expectedFile = expectedFileOf(eventPath);
  if (!existsSync(expectedFile)) return { passed: true };
  const expectedText = await readFile(expectedFile, 'utf8');
  let expected: unknown;
  try {
    expected = JSON.parse(expectedText);
  } catch (e) {
    return { passed: false, message: `${expectedFile} is not JSON; fix it or delete it: ${(e as Error).message}` };
  }
  let actual: unknown;
  try {
    actual = JSON.parse(text);
  } catch {
    actual = text;
  }
  if (isDeepStrictEqual(actual, expected)) return { passed: true };
  return { passed: false, message: `The result differs from ${expectedFile.split('/').slice(-2).join('/')}`, expected: JSON.stringify(expected, null, 2), actual: JSON.stringify(actual, null, 2) };
}
