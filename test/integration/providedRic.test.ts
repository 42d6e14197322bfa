// Integration: compatibility with a client we did not write — the official Node.js runtime interface client
// from npm (aws-lambda-ric) started as a custom runtime (provided.al2023, lambda-semantics.md §1, §1.7), passing
// the same success, error and init-error cases as our own bootstrap. The RIC has a native addon (bundled curl +
// aws-lambda-cpp), so it is built once, outside the repo, by `node scripts/setup-ric.mjs`; without that build
// this suite FAILS (it does not skip): CI must build it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixtures, json, startEngine, type TestEngine } from './helpers/engine';

const ricFixture = join(fixtures, 'provided', 'ric');

/** Where scripts/setup-ric.mjs installs the RIC; the same logic as the script (keep the two in step). */
export function ricHome(): { version: string; dir: string; stamp: string } {
  const pinned = (JSON.parse(readFileSync(join(ricFixture, 'ric-version.json'), 'utf8')) as { version: string }).version;
  const version = process.env.RIC_VERSION || pinned;
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = join(cacheRoot, 'lambda-workbench', `aws-lambda-ric-${version}`);
  return { version, dir, stamp: join(dir, '.setup-complete.json') };
}

describe('custom runtime: the official Node.js runtime interface client (npm aws-lambda-ric)', () => {
  const ric = ricHome();
  let e: TestEngine | undefined;
  let envDir: string | undefined;

  const notBuilt =
    `aws-lambda-ric@${ric.version} is not built on this machine (no ${ric.stamp}). ` +
    'Run `node scripts/setup-ric.mjs` (it names any missing system packages); CI must run it before the tests.';

  before(() => {
    if (!existsSync(ric.stamp)) return; // every test below fails with notBuilt
    envDir = mkdtempSync(join(tmpdir(), 'lwb-ric-'));
    const envVarsFile = join(envDir, 'env-vars.json');
    writeFileSync(envVarsFile, JSON.stringify({ Parameters: { RIC_HOME: ric.dir } }));
    e = startEngine(ricFixture, { envVarsFile });
  });
  after(async () => {
    await e?.dispose();
    if (envDir) rmSync(envDir, { recursive: true, force: true });
  });

  const engine = (): TestEngine => {
    assert.ok(e, notBuilt);
    return e;
  };

  test('aws-lambda-ric is built (node scripts/setup-ric.mjs)', () => {
    assert.ok(existsSync(ric.stamp), notBuilt);
  });

  test('success: the handler\'s value is the payload; START/END/REPORT around it', async () => {
    const r = await engine().service.invoke('RicSuccess', '{"a":1}');
    assert.equal(r.status, 'success');
    assert.equal(r.functionError, undefined);
    assert.deepEqual(json(r.payload), { runtime: 'cjs', event: { a: 1 } });
    const lines = engine().linesOf(r.requestId);
    assert.equal(lines[0], `START RequestId: ${r.requestId} Version: $LATEST`);
    assert.equal(lines.at(-2), `END RequestId: ${r.requestId}`);
    assert.match(lines.at(-1)!, new RegExp(`^REPORT RequestId: ${r.requestId}\\tDuration: `));
    const init = engine().logs.filter((l) => l.functionName === 'RicSuccess' && l.requestId === undefined).map((l) => l.message);
    assert.match(init[0], /^INIT_START Runtime Version: provided:al2023\.v1\t/);
    assert.deepEqual(engine().warnings, []);
  });

  test('warm reuse: the second invoke runs in the same environment, module state kept', async () => {
    const a = await engine().service.invoke('RicCounter', '{}');
    const b = await engine().service.invoke('RicCounter', '{}');
    assert.deepEqual([a.coldStart, b.coldStart], [true, false]);
    assert.deepEqual([json(a.payload), json(b.payload)], [{ count: 1, requestId: a.requestId }, { count: 2, requestId: b.requestId }]);
  });

  test('a thrown Error: errorType/errorMessage in the payload, functionError Unhandled', async () => {
    const r = await engine().service.invoke('RicThrowError', '{}');
    assert.equal(r.status, 'error');
    assert.equal(r.functionError, 'Unhandled');
    const p = json(r.payload);
    assert.equal(p.errorType, 'TypeError');
    assert.equal(p.errorMessage, 'boom');
    assert.ok(Array.isArray(p.trace) && p.trace[0] === 'TypeError: boom', JSON.stringify(p));
    const lines = engine().linesOf(r.requestId);
    assert.ok(lines.some((l) => new RegExp(`\\t${r.requestId}\\tERROR\\tInvoke Error \\t\\{"errorType":"TypeError","errorMessage":"boom","code":"E_BOOM"`).test(l)), lines.join('\n'));
    assert.match(lines.at(-1)!, /^REPORT RequestId: /);
  });

  const initCases: Array<[string, string, RegExp]> = [
    ['RicImportError', 'Runtime.ImportModuleError', /Cannot find module 'not-installed-dependency'/],
    ['RicHandlerNotFound', 'Runtime.HandlerNotFound', /index\.missing is undefined or not exported/],
  ];
  for (const [fn, type, message] of initCases) {
    test(`init error ${fn} → ${type}, with INIT_REPORT lines`, async () => {
      const from = engine().logs.length;
      const r = await engine().service.invoke(fn, '{}');
      assert.equal(r.status, 'error');
      assert.equal(r.functionError, 'Unhandled');
      const p = json(r.payload);
      assert.equal(p.errorType, type);
      assert.match(p.errorMessage, message);
      const lines = engine().logs.slice(from).map((l) => l.message);
      const initReports = lines.filter((l) => l.startsWith('INIT_REPORT'));
      // Lambda retries a failed init once inside the invoke (suppressed init): one report per phase.
      assert.equal(initReports.length, 2, lines.join('\n'));
      assert.match(initReports[0], new RegExp(`^INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\\tPhase: init\\tStatus: error\\tError Type: ${type.replace('.', '\\.')}$`));
      assert.match(initReports[1], /\tPhase: invoke\t/);
      // The RIC logs the error itself before posting it to /runtime/init/error ("Init Error" in 4.x, "Uncaught Exception" in 3.x).
      assert.ok(lines.some((l) => /\tERROR\t(Init Error|Uncaught Exception) \t/.test(l) && l.includes(`"errorType":"${type}"`)), lines.join('\n'));
      const report = lines.find((l) => l.startsWith('REPORT'));
      assert.ok(report, lines.join('\n'));
      assert.match(report, new RegExp(`\\tStatus: error\\tError Type: ${type.replace('.', '\\.')}$`));
    });
  }
});
