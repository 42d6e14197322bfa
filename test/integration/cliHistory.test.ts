// Integration: the invocation history through real `lambda-workbench` processes: invokes (cold, warm, failed)
// are recorded under the state directory; `history [fn] [--json]`, `history show`, `history rerun <id>`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { HistoryRecord } from '../../src/core/history/historyRecord';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot, UUID } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const stateDir = tempDir('lwb-cli-history-');
const zoo = join(fixtures, 'engine', 'template.yaml');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--state-dir', stateDir], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('lambda-workbench history', () => {
  test('an empty history says so', () => {
    const r = cli(['history', '-t', zoo]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /No invocations recorded yet/);
  });

  test('invokes are recorded with event, result, durations, cold/warm, version, environment and logs', () => {
    assert.equal(cli(['invoke', 'WarmCounter', '-t', zoo, '--repeat', '2']).code, 0);
    assert.equal(cli(['invoke', 'NoSuchFunction', '-t', zoo]).code, 2);
    assert.deepEqual(readdirSync(join(stateDir, 'history')).sort(), ['NoSuchFunction.jsonl', 'WarmCounter.jsonl']);
    const r = cli(['history', '--json', '-t', zoo]);
    assert.equal(r.code, 0, r.stderr);
    const records = JSON.parse(r.stdout) as HistoryRecord[];
    assert.deepEqual(records.map((x) => [x.functionName, x.status]), [['NoSuchFunction', 'failed'], ['WarmCounter', 'success'], ['WarmCounter', 'success']]);
    const [failed, warm, cold] = records;
    assert.equal(failed.errorCode, 'FUNCTION_NOT_FOUND');
    assert.deepEqual([cold.coldStart, warm.coldStart], [true, false]);
    assert.deepEqual([JSON.parse(cold.result!).count, JSON.parse(warm.result!).count], [1, 2]);
    assert.equal(cold.event, '{}');
    assert.equal(cold.origin, 'cli');
    assert.equal(cold.version, '$LATEST');
    assert.equal(cold.environmentId, warm.environmentId, 'the warm invoke ran in the same environment');
    assert.ok(cold.initDurationMs! > 0 && warm.initDurationMs === undefined);
    assert.ok(cold.billedDurationMs! >= 1 && cold.memorySizeMB === 128 && cold.maxMemoryUsedMB! > 0);
    assert.match(cold.id, UUID);
    assert.match(cold.logs!, new RegExp(`END RequestId: ${cold.id}`));
    const text = cli(['history', 'WarmCounter', '-t', zoo]);
    const lines = text.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\tWarmCounter\\tsuccess\\t[\\d.]+ ms\\tbilled \\d+ ms\\twarm\\tcli\\t${warm.id}$`));
  });

  test('history rerun <id prefix> invokes again with the same event, and is recorded too', () => {
    const before = JSON.parse(cli(['history', 'WarmCounter', '--json', '-t', zoo]).stdout) as HistoryRecord[];
    const r = cli(['history', 'rerun', before[1].id.slice(0, 8), '-t', zoo]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).count, 1, 'a new engine: cold again');
    assert.match(r.stderr, new RegExp(`^Re-running WarmCounter with the event of ${before[1].id}`));
    const after = JSON.parse(cli(['history', 'WarmCounter', '--json', '-t', zoo]).stdout) as HistoryRecord[];
    assert.equal(after.length, 3);
    assert.equal(after[0].event, before[1].event);
    const shown = JSON.parse(cli(['history', 'show', after[0].id, '-t', zoo]).stdout) as HistoryRecord;
    assert.equal(shown.id, after[0].id);
  });

  test('an unknown id is a coded error, exit 2', () => {
    const r = cli(['history', 'rerun', 'ffffffff', '-t', zoo]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /HISTORY_NOT_FOUND.*No invocation "ffffffff" in the history/);
    assert.equal(r.stdout, '');
  });
});
