// Integration: every line a handler writes reaches its own invocation, in order, before END — bursts of
// thousands of lines, a 1 MB line, stderr next to stdout, warm repeats, Node.js and Python.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixtures, startEngine, type TestEngine } from './helpers/engine';

const appLine = (l: string): string | undefined => /^\S+Z\t\S+\t\w+\t(.*)$/.exec(l)?.[1] ?? (l.startsWith('line ') || l === 'last line' ? l : undefined);

describe('log completeness and order', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine(join(fixtures, 'reliability'));
  });
  after(() => e.dispose());

  for (const fn of ['LogBurst', 'LogBurstPython']) {
    test(`${fn}: 5,000 lines, three warm repeats: all there, in order, between START and END`, async () => {
      for (let round = 0; round < 3; round++) {
        const r = await e.service.invoke(fn, JSON.stringify({ lines: 5000, stderrLines: 200 }));
        assert.equal(r.functionError, undefined, r.payload.toString());
        const lines = e.linesOf(r.requestId);
        assert.equal(lines[0], `START RequestId: ${r.requestId} Version: $LATEST`);
        const end = lines.indexOf(`END RequestId: ${r.requestId}`);
        assert.equal(end, lines.length - 2, 'END then REPORT close the invocation');
        const app = lines.slice(1, end).map(appLine).filter((l) => l !== undefined && !l.startsWith('err '));
        assert.equal(app.length, 5001, `round ${round}: ${app.length} of 5,001 lines`);
        for (let i = 0; i < 5000; i++) assert.equal(app[i]!.split(' ').slice(0, 2).join(' '), `line ${i + 1}`);
        assert.equal(app[5000], 'last line');
        const errs = lines.slice(1, end).filter((l) => /^err \d+$/.test(l));
        assert.deepEqual(errs, Array.from({ length: 200 }, (_, i) => `err ${i + 1}`));
      }
      // Nothing but the function's own output: no line of the engine's machinery (e.g. the namespace init).
      assert.deepEqual(e.logs.filter((l) => l.functionName === fn && l.source === 'function' && !/line \d+|last line|^err \d+$/.test(l.message)), []);
      // No line escaped its invocation (late lines would be logged between invocations, untagged).
      assert.deepEqual(e.logs.filter((l) => l.functionName === fn && l.requestId === undefined && /line \d+/.test(l.message)), []);
    });
  }

  test('a 1 MB line arrives whole (in 256 KB events, as CloudWatch caps them), before END', async () => {
    const r = await e.service.invoke('LogBurst', JSON.stringify({ lines: 3, bigLine: 1024 * 1024 }));
    const lines = e.linesOf(r.requestId);
    const pieces = lines.filter((l) => /^B+$/.test(l));
    assert.equal(pieces.reduce((n, l) => n + l.length, 0), 1024 * 1024);
    const end = lines.indexOf(`END RequestId: ${r.requestId}`);
    assert.ok(lines.findIndex((l) => l.endsWith('\tlast line')) < end);
  });

  test('a handler that exits right after logging loses no line (its output is written synchronously)', async () => {
    const r = await e.service.invoke('LogBurst', JSON.stringify({ lines: 3000, width: 200, exitAfter: true }));
    assert.equal(JSON.parse(r.payload.toString()).errorType, 'Runtime.ExitError');
    const app = e.linesOf(r.requestId).map(appLine).filter((l) => l?.startsWith('line '));
    assert.equal(app.length, 3000);
  });
});
