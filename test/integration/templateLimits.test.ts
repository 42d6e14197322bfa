// Integration: templates that used to hang `list` (a YAML bomb, Refs that double, a backtracking
// AllowedPattern) end a real CLI process quickly with one coded error; the timeout turns a hang into a failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const hostile = join(fixtures, 'template-hostile');

describe('hostile templates through `lambda-workbench list`', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'lwb-limits-'));
  after(() => rmSync(stateDir, { recursive: true, force: true }));

  function list(name: string) {
    const r = spawnSync(process.execPath, [bin, 'list', '-t', join(name, 'template.yaml'), '--state-dir', stateDir], { cwd: hostile, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.error, undefined, `list did not finish within 20 s: ${String(r.error)}`);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  test('a "billion laughs" bomb is TEMPLATE_SYNTAX at the alias that passes the limit', { timeout: 30_000 }, () => {
    assert.deepEqual(list('billion-laughs'), {
      code: 2,
      stdout: '',
      stderr: 'Error [TEMPLATE_SYNTAX]: Template\'s YAML aliases expand too far; fix the alias at billion-laughs/template.yaml:7:10: expanding *e follows more than 10000 aliases (aliases of aliases multiply, as in a "billion laughs" bomb); nest fewer aliases, or write the values out\n',
    });
  });

  test('Refs whose values double at each step stop at the step limit, at the property that started it', { timeout: 30_000 }, () => {
    // The function whose properties explode is broken; the template itself still lists (issue 11).
    assert.deepEqual(list('doubling-refs'), {
      code: 0,
      stdout:
        'FUNCTION     RUNTIME     HANDLER  MEMORY  TIMEOUT\nFn (broken)  nodejs20.x  -        -       -\n\n' +
        'Function Fn is broken: [TEMPLATE_INVALID] Intrinsic functions in function "Fn" take more than 1000000 steps to resolve (doubling-refs/template.yaml:174). Simplify them: Refs, Fn::GetAtt and Fn::FindInMap that reuse each other multiply the work\n',
      stderr: '',
    });
  });

  test('an AllowedPattern that backtracks without end is stopped and named', { timeout: 30_000 }, () => {
    assert.deepEqual(list('backtracking-pattern'), {
      code: 2,
      stdout: '',
      stderr: 'Error [TEMPLATE_INVALID]: AllowedPattern of parameter "Name" takes longer than 250 ms to check a value (backtracking-pattern/template.yaml:3). Simplify the pattern: nested repetition such as (a+)+ backtracks without end\n',
    });
  });
});
