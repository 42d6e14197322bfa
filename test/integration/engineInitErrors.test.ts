// Integration: init failures come back as Lambda reports them, with the suppressed init retry (§2.1, §2.4).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, startEngine, type TestEngine } from './helpers/engine';

describe('init errors', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine();
  });
  after(() => e.dispose());

  const cases: Array<[string, string, RegExp]> = [
    ['ImportError', 'Runtime.ImportModuleError', /Cannot find module 'not-installed-dependency'/],
    ['MissingModule', 'Runtime.ImportModuleError', /Cannot find module 'nosuchfile'/],
    ['HandlerNotFound', 'Runtime.HandlerNotFound', /index\.handler is undefined or not exported/],
    ['NotAFunction', 'Runtime.HandlerNotFound', /index\.handler is not a function/],
    ['MalformedHandler', 'Runtime.MalformedHandlerName', /is not a valid handler name/],
    ['SyntaxError', 'Runtime.UserCodeSyntaxError', /SyntaxError/],
  ];
  for (const [fn, type, message] of cases) {
    test(`${fn} → ${type}`, async () => {
      const before = e.logs.length;
      const r = await e.service.invoke(fn, '{}');
      assert.equal(r.functionError, 'Unhandled');
      assert.equal(r.status, 'error');
      const p = json(r.payload);
      assert.equal(p.errorType, type);
      assert.match(p.errorMessage, message);
      const lines = e.logs.slice(before).map((l) => l.message);
      const initReports = lines.filter((l) => l.startsWith('INIT_REPORT'));
      assert.equal(initReports.length, 2, lines.join('\n'));
      assert.match(initReports[0], new RegExp(`^INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\\tPhase: init\\tStatus: error\\tError Type: ${type.replace('.', '\\.')}$`));
      assert.match(initReports[1], /\tPhase: invoke\t/);
      const report = lines.find((l) => l.startsWith('REPORT'))!;
      assert.match(report, new RegExp(`\\tStatus: error\\tError Type: ${type.replace('.', '\\.')}$`));
      assert.ok(lines.includes('Unknown application error occurred'));
    });
  }

  test('init error environments are not reused: the next invoke initialises again', async () => {
    const r1 = await e.service.invoke('SyntaxError', '{}');
    const r2 = await e.service.invoke('SyntaxError', '{}');
    assert.equal(r1.coldStart, true);
    assert.equal(r2.coldStart, true);
  });
});
