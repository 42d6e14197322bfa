// Integration: execution environments — warm reuse, concurrency, private /tmp, environment variables,
// log lines and persistence, and no process left behind after dispose.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isAlive, json, startEngine, UUID, waitFor, type TestEngine } from './helpers/engine';
import { pidsTagged } from './helpers/processes';

describe('execution environments', () => {
  let e: TestEngine;
  before(() => {
    process.env.WB_HOST_ONLY_SECRET = 'must-not-leak';
    e = startEngine();
  });
  after(() => e.dispose());

  test('init runs once; warm invokes reuse the environment', async () => {
    const counts = [];
    const envs = new Set<string>();
    const results = [];
    for (let i = 0; i < 3; i++) {
      const r = await e.service.invoke('WarmCounter', '{}');
      results.push(r);
      counts.push(json(r.payload).count);
      envs.add(r.environmentId);
    }
    assert.deepEqual(counts, [1, 2, 3]);
    assert.equal(envs.size, 1);
    assert.deepEqual(results.map((r) => r.coldStart), [true, false, false]);
    assert.ok(results[0].initDurationMs! > 0);
    assert.equal(results[1].initDurationMs, undefined);
    const report0 = e.linesOf(results[0].requestId).at(-1)!;
    const report1 = e.linesOf(results[1].requestId).at(-1)!;
    assert.match(report0, /\tInit Duration: \d+\.\d\d ms\t$/);
    assert.doesNotMatch(report1, /Init Duration/);
  });

  test('two concurrent invokes run in two environments', async () => {
    const [a, b] = await Promise.all([e.service.invoke('EnvEcho', '{}'), e.service.invoke('EnvEcho', '{}')]);
    assert.notEqual(a.environmentId, b.environmentId);
    assert.notEqual(json(a.payload).AWS_LAMBDA_LOG_STREAM_NAME, json(b.payload).AWS_LAMBDA_LOG_STREAM_NAME);
  });

  test('each environment has its own /tmp, kept across warm invokes', async () => {
    const [a, b] = await Promise.all([e.service.invoke('TmpWriter', '{"note":"a"}'), e.service.invoke('TmpWriter', '{"note":"b"}')]);
    const pa = json(a.payload);
    const pb = json(b.payload);
    // Inside namespaces both see the literal /tmp, each its own tmpfs; otherwise each has its own folder.
    if (e.service.environments()[0].isolation === 'namespaces') assert.deepEqual([pa.tmpdir, pb.tmpdir], ['/tmp', '/tmp']);
    else assert.notEqual(pa.tmpdir, pb.tmpdir);
    assert.equal(pa.found.length, 1);
    assert.equal(pb.found.length, 1);
    const c = await e.service.invoke('TmpWriter', '{"note":"c"}');
    const pc = json(c.payload);
    assert.equal(pc.found.length, 2, 'the reused environment still has its earlier file');
    assert.ok([pa.tmpdir, pb.tmpdir].includes(pc.tmpdir));
  });

  test('environment variables are the ones Lambda sets, plus the template\'s', async () => {
    const r = await e.service.invoke('EnvEcho', '{}');
    const env = json(r.payload);
    assert.equal(env._HANDLER, 'index.handler');
    assert.equal(env.AWS_REGION, 'us-east-1');
    assert.equal(env.AWS_DEFAULT_REGION, 'us-east-1');
    assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_nodejs20.x');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'EnvEcho');
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128');
    assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
    assert.equal(env.AWS_LAMBDA_INITIALIZATION_TYPE, 'on-demand');
    assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/EnvEcho');
    assert.match(env.AWS_LAMBDA_LOG_STREAM_NAME, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.match(env.AWS_LAMBDA_RUNTIME_API, /^127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}$/);
    // What runs is what ships: the task root is the extracted deployment package, not the source folder.
    assert.match(env.LAMBDA_TASK_ROOT, /\/packages\/[0-9a-f]{64}\/task$/);
    assert.ok(env.LAMBDA_TASK_ROOT.startsWith(e.stateDir));
    assert.equal(env.TZ, ':UTC');
    assert.equal(env.LANG, 'en_US.UTF-8');
    assert.ok(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
    assert.ok(env.NODE_PATH.split(':').length >= 3);
    assert.equal(env.FROM_GLOBALS, 'globals');
    assert.equal(env.TABLE_NAME, 'local-table');
    assert.equal(env.WB_HOST_ONLY_SECRET, undefined, 'the host environment does not leak in');
    assert.equal(env._X_AMZN_TRACE_ID, undefined);
    assert.equal(env.LAMBDA_WORKBENCH_RUNTIME_SOCKET, undefined, 'the runtime\'s local channel is not a Lambda variable');
  });

  test('without namespaces, more than EphemeralStorage in /tmp is reported (Lambda would fail the writes with ENOSPC)', async () => {
    const pt = startEngine(undefined, { isolation: 'process-tree' });
    try {
      const r = await pt.service.invoke('TmpFiller', '{"mb":513}');
      assert.equal(r.functionError, undefined);
      assert.equal(pt.service.environments()[0].isolation, 'process-tree');
      assert.ok(await waitFor(() => pt.warnings.some((w) => /"TmpFiller" has more than 512 MB in \/tmp \(its EphemeralStorage\)/.test(w))), pt.warnings.join('\n'));
      const small = await pt.service.invoke('TmpWriter', '{}');
      assert.equal(small.functionError, undefined);
      assert.ok(!pt.warnings.some((w) => w.includes('"TmpWriter" has more than')));
    } finally {
      await pt.dispose();
    }
  });

  test('platform lines are exact and the tail holds START…REPORT', async () => {
    const r = await e.service.invoke('Logging', '{}', { logType: 'Tail' });
    const lines = e.linesOf(r.requestId);
    assert.equal(lines[0], `START RequestId: ${r.requestId} Version: $LATEST`);
    assert.equal(lines.at(-2), `END RequestId: ${r.requestId}`);
    assert.match(lines.at(-1)!, new RegExp(`^REPORT RequestId: ${r.requestId}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\t`));
    const app = lines.filter((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z\t/.test(l));
    assert.ok(app.length >= 3, lines.join('\n'));
    for (const l of app) assert.match(l, new RegExp(`^\\S+Z\\t${r.requestId}\\t(INFO|WARN|ERROR|DEBUG|TRACE|FATAL)\\t`));
    const tail = Buffer.from(r.logResult!, 'base64').toString('utf8');
    assert.ok(tail.startsWith('START RequestId: '));
    assert.ok(tail.trimEnd().split('\n').at(-1)!.startsWith('REPORT RequestId: '));
    assert.ok(Buffer.byteLength(tail) <= 4096);
    const initStart = e.logs.find((l) => l.functionName === 'Logging' && l.message.startsWith('INIT_START'));
    assert.match(initStart!.message, /^INIT_START Runtime Version: nodejs:20\.v\d+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/);
  });

  test('JSON log format: platform records and JSON app lines', async () => {
    const r = await e.service.invoke('LoggingJson', '{}');
    const raw = e.linesOf(r.requestId);
    assert.ok(raw.includes('raw stdout line'), 'process.stdout.write passes through unformatted');
    const lines = raw.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    assert.equal(lines[0].type, 'platform.start');
    assert.equal(lines[0].record.requestId, r.requestId);
    const report = lines.find((l) => l.type === 'platform.report');
    assert.equal(report.record.status, 'success');
    assert.equal(report.record.metrics.memorySizeMB, 128);
    assert.ok(lines.some((l) => l.level === 'INFO' && l.requestId === r.requestId));
  });

  test('logs are persisted per log stream', async () => {
    const r = await e.service.invoke('Cjs', '{}');
    const dir = join(e.stateDir, 'logs', 'aws__lambda__Cjs');
    assert.ok(await waitFor(() => existsSync(dir) && readdirSync(dir).length > 0));
    const file = join(dir, readdirSync(dir)[0]);
    assert.ok(await waitFor(() => readFileSync(file, 'utf8').includes(`REPORT RequestId: ${r.requestId}`)));
    const first = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]);
    assert.equal(typeof first.timestamp, 'number');
    assert.match(r.requestId, UUID);
  });

  test('the env-vars file overrides the template and adds undeclared keys with a warning', async () => {
    const file = join(e.stateDir, 'env.json');
    writeFileSync(file, JSON.stringify({ Parameters: { TABLE_NAME: 'from-params' }, EnvEcho: { SECRET_TOKEN: 's3cr3t-value', EXTRA_KEY: 'extra' } }));
    const e2 = startEngine(undefined, { envVarsFile: file });
    try {
      const env = json((await e2.service.invoke('EnvEcho', '{}')).payload);
      assert.equal(env.TABLE_NAME, 'from-params');
      assert.equal(env.SECRET_TOKEN, 's3cr3t-value');
      assert.equal(env.EXTRA_KEY, 'extra');
      assert.ok(e2.warnings.some((w) => w.includes('EXTRA_KEY')), e2.warnings.join('\n'));
      assert.ok(!e2.warnings.some((w) => w.includes('s3cr3t-value') || w.includes('extra"')));
    } finally {
      await e2.dispose();
    }
  });
});

describe('dispose', () => {
  test('leaves no environment process and no grandchild behind', async () => {
    const e = startEngine();
    const tag = `lw-spawner-${process.pid}-${Date.now()}`;
    await e.service.invoke('Spawner', JSON.stringify({ tag }));
    await e.service.invoke('Cjs', '{}');
    const envPids = e.service.environments().map((x) => x.pid!);
    assert.equal(envPids.length, 2);
    assert.equal(pidsTagged(tag).length, 1);
    for (const pid of envPids) assert.ok(isAlive(pid));
    await e.dispose();
    await e.service.dispose(); // twice is fine
    assert.ok(await waitFor(() => pidsTagged(tag).length === 0), 'grandchild killed');
    for (const pid of envPids) assert.ok(await waitFor(() => !isAlive(pid)), `environment ${pid} killed`);
  });
});
