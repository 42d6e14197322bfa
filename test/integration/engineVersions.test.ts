// Integration: published versions and aliases through the engine (lambda-semantics.md §6) — each version
// runs its own snapshot (a real edit of a fixture copy never reaches fn:1), what ran is visible as in
// Lambda, every qualifier form, preconditions, numbers never reused, weighted alias routing, and versions
// and aliases surviving a restart of the engine on the same state directory.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isWorkbenchError } from '../../src/core/common/errors';
import { LambdaService } from '../../src/core/service';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, json, repoRoot, startEngine, type TestEngine } from './helpers/engine';
import { edit, seeded } from './helpers/versions';

/** Copies a fixture without any state a manual run left in it (.lambda-workbench). */
const noState = (src: string): boolean => !src.split(/[\\/]/).includes('.lambda-workbench');

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:greeter';

function coded(code: string, pattern: RegExp) {
  return (err: unknown) => isWorkbenchError(err) && err.code === code && pattern.test(err.message);
}

describe('versions and aliases', () => {
  let dir: string;
  let e: TestEngine;
  before(() => {
    dir = tempDir('lwb-versions-');
    cpSync(join(fixtures, 'versions'), dir, { recursive: true, filter: noState });
    e = startEngine(dir, { random: seeded(42) });
  });
  after(() => e.dispose());

  test('publishing snapshots code and configuration; editing $LATEST never changes what fn:1 runs', async () => {
    const v1 = await e.service.versions.publishVersion('Greeter', { description: 'first' });
    assert.equal(v1.Version, '1');
    assert.equal(v1.FunctionArn, `${ARN}:1`);
    assert.equal(v1.Description, 'first');
    assert.match(v1.CodeSha256, /^[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(v1.Environment, { Variables: { GREETING: 'hello' } });
    assert.match(v1.Layers![0].Arn, /^arn:aws:lambda:us-east-1:123456789012:layer:greeting:\d+$/, 'a template layer is published with the version');
    const again = await e.service.versions.publishVersion('greeter');
    assert.equal(again.Version, '1', 'nothing changed: the latest version comes back, none is created');
    assert.equal(again.RevisionId, v1.RevisionId);

    // A real edit of the code, the layer and the template's configuration.
    edit(join(dir, 'greeter', 'index.js'), "const MARK = 'v1'", "const MARK = 'v2'");
    edit(join(dir, 'layer', 'nodejs', 'node_modules', 'greeting', 'index.js'), 'layer-one', 'layer-two');
    edit(join(dir, 'template.yaml'), 'GREETING: hello', 'GREETING: bonjour');
    await e.service.reload();
    const latest = json((await e.service.invoke('greeter', '{}')).payload);
    assert.deepEqual([latest.mark, latest.greeting, latest.layer], ['v2', 'bonjour', 'layer-two']);
    const one = json((await e.service.invoke('greeter:1', '{}')).payload);
    assert.deepEqual([one.mark, one.greeting, one.layer], ['v1', 'hello', 'layer-one'], 'version 1 runs its own snapshot');

    const v2 = await e.service.versions.publishVersion('greeter', { codeSha256: (await e.service.versions.getFunctionConfiguration('greeter')).CodeSha256 });
    assert.equal(v2.Version, '2');
    assert.notEqual(v2.CodeSha256, v1.CodeSha256);
    assert.deepEqual((await e.service.versions.listVersions('greeter')).map((v) => v.Version), ['$LATEST', '1', '2']);
    assert.deepEqual(json((await e.service.invoke('greeter:2', '{}')).payload).mark, 'v2');
    assert.equal(json((await e.service.invoke('greeter:1', '{}')).payload).mark, 'v1');
  });

  test('what ran is visible: executed version, AWS_LAMBDA_FUNCTION_VERSION, context, START line, log stream', async () => {
    const r = await e.service.invoke('greeter', '{}', { qualifier: '1' });
    assert.equal(r.executedVersion, '1');
    const p = json(r.payload);
    assert.equal(p.envVersion, '1');
    assert.equal(p.contextVersion, '1');
    assert.equal(p.invokedFunctionArn, `${ARN}:1`);
    assert.match(p.logStream, /^\d{4}\/\d{2}\/\d{2}\/\[1\][0-9a-f]{32}$/);
    assert.equal(r.logStreamName, p.logStream);
    assert.ok(e.linesOf(r.requestId).includes(`START RequestId: ${r.requestId} Version: 1`));
    const latest = await e.service.invoke('greeter', '{}');
    assert.equal(latest.executedVersion, '$LATEST');
    assert.equal(json(latest.payload).invokedFunctionArn, ARN);
    assert.ok(e.linesOf(latest.requestId).includes(`START RequestId: ${latest.requestId} Version: $LATEST`));
    const envs = e.service.environments().length;
    assert.ok(envs >= 3, `$LATEST, 1 and 2 each have their own environments (${envs})`);
  });

  test('every qualifier form names the same version; malformed and unknown ones are coded errors', async () => {
    for (const name of ['greeter:1', 'Greeter:1', `${ARN}:1`, '123456789012:function:greeter:1']) {
      assert.equal((await e.service.invoke(name, '{}')).executedVersion, '1', name);
    }
    assert.equal((await e.service.invoke(ARN, '{}', { qualifier: '2' })).executedVersion, '2');
    const latest = await e.service.invoke('greeter:$LATEST', '{}');
    assert.equal(latest.executedVersion, '$LATEST');
    assert.equal(json(latest.payload).invokedFunctionArn, `${ARN}:$LATEST`);
    await assert.rejects(e.service.invoke('greeter:1', '{}', { qualifier: '2' }), coded('INVALID_PARAMETER', /derived qualifier .* does not match/));
    await assert.rejects(e.service.invoke('greeter:bad!q', '{}'), coded('INVALID_PARAMETER', /Invalid qualifier "bad!q"/));
    await assert.rejects(e.service.invoke('no such fn', '{}'), coded('INVALID_PARAMETER', /Invalid function name/));
    await assert.rejects(e.service.invoke('arn:aws:lambda:us-east-1:123:function:greeter', '{}'), coded('INVALID_PARAMETER', /Invalid function ARN/));
    await assert.rejects(e.service.invoke('arn:aws:lambda:eu-west-1:123456789012:function:greeter', '{}'), coded('FUNCTION_NOT_FOUND', /serves region us-east-1/));
    await assert.rejects(e.service.invoke('greeter:9', '{}'), coded('FUNCTION_NOT_FOUND', /Function not found: arn:aws:lambda:us-east-1:123456789012:function:greeter:9\./));
    await assert.rejects(e.service.invoke('greeter:nope', '{}'), coded('FUNCTION_NOT_FOUND', /function:greeter:nope/));
  });

  test('preconditions, deletion, and numbers never reused', async () => {
    await assert.rejects(e.service.versions.publishVersion('greeter', { codeSha256: 'AAAA' }), coded('PRECONDITION_FAILED', /CodeSha256 AAAA does not match/));
    await assert.rejects(e.service.versions.publishVersion('greeter', { revisionId: 'nope' }), coded('PRECONDITION_FAILED', /RevisionId nope does not match/));
    await assert.rejects(e.service.versions.publishVersion('greeter:1'), coded('INVALID_PARAMETER', /has a qualifier/));
    edit(join(dir, 'template.yaml'), 'Timeout: 3', 'Timeout: 4');
    await e.service.reload();
    const rev = (await e.service.versions.getFunctionConfiguration('greeter')).RevisionId;
    const v3 = await e.service.versions.publishVersion('greeter', { revisionId: rev });
    assert.equal(v3.Version, '3');
    assert.equal(v3.Timeout, 4);
    await e.service.versions.deleteVersion('greeter', '3');
    await assert.rejects(e.service.versions.getVersion('greeter', '3'), coded('FUNCTION_NOT_FOUND', /greeter:3/));
    edit(join(dir, 'template.yaml'), 'Timeout: 4', 'Timeout: 5');
    await e.service.reload();
    assert.equal((await e.service.versions.publishVersion('greeter')).Version, '4', 'version 3 was deleted; its number is not given again');
  });

  test('aliases: create, get, update routing, list, delete, with coded errors for bad input', async () => {
    const live = await e.service.versions.createAlias('greeter', { name: 'live', functionVersion: '1', description: 'prod' });
    assert.deepEqual({ ...live, RevisionId: 'x' }, { AliasArn: `${ARN}:live`, Name: 'live', FunctionVersion: '1', Description: 'prod', RevisionId: 'x' });
    await assert.rejects(e.service.versions.createAlias('greeter', { name: 'live', functionVersion: '1' }), coded('RESOURCE_CONFLICT', /Alias already exists/));
    await assert.rejects(e.service.versions.createAlias('greeter', { name: '123', functionVersion: '1' }), coded('INVALID_PARAMETER', /not all digits/));
    await assert.rejects(e.service.versions.createAlias('greeter', { name: 'x', functionVersion: '77' }), coded('FUNCTION_NOT_FOUND', /greeter:77/));
    await assert.rejects(e.service.versions.createAlias('greeter', { name: 'x', functionVersion: '$LATEST', routing: { 2: 0.1 } }), coded('INVALID_PARAMETER', /not \$LATEST/));
    await assert.rejects(e.service.versions.createAlias('greeter', { name: 'x', functionVersion: '1', routing: { 2: 1.5 } }), coded('INVALID_PARAMETER', /between 0.0 and 1.0/));
    await assert.rejects(e.service.versions.createAlias('greeter', { name: 'x', functionVersion: '1', routing: { 2: 0.1, 4: 0.1 } }), coded('INVALID_PARAMETER', /one additional version/));
    await assert.rejects(e.service.versions.updateAlias('greeter', 'live', { revisionId: 'stale' }), coded('PRECONDITION_FAILED', /RevisionId stale/));
    const r = await e.service.invoke('greeter:live', '{}');
    assert.equal(r.executedVersion, '1');
    assert.equal(json(r.payload).invokedFunctionArn, `${ARN}:live`, 'the alias ARN, the resolved version');
    assert.equal(json(r.payload).envVersion, '1');
    assert.equal((await e.service.versions.getFunctionConfiguration('greeter', 'live')).Version, '1');

    const routed = await e.service.versions.updateAlias('greeter', 'live', { routing: { 2: 0.2 }, revisionId: live.RevisionId });
    assert.deepEqual(routed.RoutingConfig, { AdditionalVersionWeights: { 2: 0.2 } });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) {
      const v = (await e.service.invoke('greeter:live', '{}')).executedVersion;
      counts[v] = (counts[v] ?? 0) + 1;
    }
    assert.ok(counts['2'] >= 150 && counts['2'] <= 250, `weight 0.2 of 1,000 invokes: ${JSON.stringify(counts)}`);
    assert.equal(counts['1'] + counts['2'], 1000);

    await e.service.versions.createAlias('greeter', { name: 'dev', functionVersion: '$LATEST' });
    assert.deepEqual((await e.service.versions.listAliases('greeter')).map((a) => a.Name), ['dev', 'live']);
    assert.deepEqual((await e.service.versions.listAliases('greeter', { functionVersion: '2' })).map((a) => a.Name), ['live']);
    await assert.rejects(e.service.versions.deleteVersion('greeter', '2'), coded('RESOURCE_CONFLICT', /aliases reference it: live/));
    const moved = await e.service.versions.updateAlias('greeter', 'live', { functionVersion: '2' });
    assert.equal(moved.FunctionVersion, '2');
    assert.equal(moved.RoutingConfig, undefined, 'pointing at the routed version drops the routing');
    await e.service.versions.deleteAlias('greeter', 'dev');
    await assert.rejects(e.service.versions.getAlias('greeter', 'dev'), coded('FUNCTION_NOT_FOUND', /Alias not found: .*greeter:dev/));
  });

  test('versions and aliases survive a restart; a template reload changes $LATEST only', async () => {
    const state = e.stateDir;
    const second = new LambdaService({ cwd: dir, stateDir: state, runtimesDir: join(repoRoot, 'dist', 'runtimes') });
    try {
      assert.deepEqual((await second.versions.listVersions('greeter')).map((v) => v.Version), ['$LATEST', '1', '2', '4']);
      const r = await second.invoke('greeter:live', '{}');
      assert.equal(r.executedVersion, '2');
      assert.equal(json((await second.invoke('greeter:1', '{}')).payload).greeting, 'hello');
      assert.equal((await second.versions.getAlias('greeter', 'live')).FunctionVersion, '2');
      edit(join(dir, 'template.yaml'), 'GREETING: bonjour', 'GREETING: hola');
      await second.reload();
      assert.equal(json((await second.invoke('greeter', '{}')).payload).greeting, 'hola');
      assert.equal(json((await second.invoke('greeter:live', '{}')).payload).greeting, 'bonjour');
      assert.deepEqual((await second.versions.listVersions('greeter')).map((v) => v.Version), ['$LATEST', '1', '2', '4'], 'a reload publishes nothing');
    } finally {
      await second.dispose();
    }
  });
});

describe('versions on disk', () => {
  test('a version keeps running after the package cache evicted its build; a killed writer\'s temp record is swept', async () => {
    const dir = tempDir('lwb-versions-disk-');
    cpSync(join(fixtures, 'versions'), dir, { recursive: true, filter: noState });
    const state = join(dir, 'state');
    const opts = { cwd: dir, stateDir: state, runtimesDir: join(repoRoot, 'dist', 'runtimes'), stateLimits: { packageCacheBytes: 1, packageGraceMs: 0 } };
    const first = new LambdaService(opts);
    try {
      assert.equal((await first.versions.publishVersion('greeter')).Version, '1');
      edit(join(dir, 'greeter', 'index.js'), "const MARK = 'v1'", "const MARK = 'v2'");
      assert.equal((await first.versions.publishVersion('greeter')).Version, '2');
    } finally {
      await first.dispose();
    }
    // A writer killed between writing its temp file and moving it into place (pid 2^22+1 is never alive).
    const leftover = join(state, 'versions', 'greeter', '3.json.4194305.0a1b2c3d.tmp');
    mkdirSync(join(state, 'versions', 'greeter'), { recursive: true });
    writeFileSync(leftover, '{"half":');
    const second = new LambdaService(opts);
    try {
      // The bound of 1 byte evicts every idle build at start: version 1 runs from its own stored ZIP.
      assert.equal(json((await second.invoke('greeter:1', '{}')).payload).mark, 'v1');
      assert.equal(json((await second.invoke('greeter:2', '{}')).payload).mark, 'v2');
      assert.deepEqual((await second.versions.listVersions('greeter')).map((v) => v.Version), ['$LATEST', '1', '2']);
    } finally {
      await second.dispose();
    }
    assert.equal(existsSync(leftover), false, 'the temp record was swept at start');
  });

  test('deleting a function forgets its versions and aliases; numbering starts again at 1', async () => {
    const dir = tempDir('lwb-versions-forget-');
    cpSync(join(fixtures, 'versions'), dir, { recursive: true, filter: noState });
    const e = startEngine(dir);
    try {
      await e.service.versions.publishVersion('greeter');
      edit(join(dir, 'greeter', 'index.js'), "const MARK = 'v1'", "const MARK = 'v2'");
      await e.service.versions.publishVersion('greeter');
      await e.service.versions.createAlias('greeter', { name: 'live', functionVersion: '2' });
      assert.equal((await e.service.invoke('greeter:2', '{}')).executedVersion, '2');
      await assert.rejects(e.service.versions.deleteAllVersions('greeter:2'), coded('INVALID_PARAMETER', /has a qualifier/));
      await e.service.versions.deleteAllVersions('greeter');
      assert.deepEqual((await e.service.versions.listVersions('greeter')).map((v) => v.Version), ['$LATEST']);
      await assert.rejects(e.service.versions.getAlias('greeter', 'live'), coded('FUNCTION_NOT_FOUND', /Alias not found/));
      await assert.rejects(e.service.invoke('greeter:2', '{}'), coded('FUNCTION_NOT_FOUND', /greeter:2/));
      assert.equal((await e.service.versions.publishVersion('greeter')).Version, '1');
      assert.equal(json((await e.service.invoke('greeter:1', '{}')).payload).mark, 'v2');
    } finally {
      await e.dispose();
    }
  });

  test('an alias cannot route between versions with different dead-letter queues (§6)', async () => {
    const dir = tempDir('lwb-versions-dlq-');
    cpSync(join(fixtures, 'versions'), dir, { recursive: true, filter: noState });
    const e = startEngine(dir);
    try {
      await e.service.versions.publishVersion('greeter');
      edit(join(dir, 'template.yaml'), '      Timeout: 3', '      Timeout: 3\n      DeadLetterQueue: { Type: SQS, TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq }');
      await e.service.reload();
      const v2 = await e.service.versions.publishVersion('greeter');
      assert.deepEqual(v2.DeadLetterConfig, { TargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' });
      await assert.rejects(e.service.versions.createAlias('greeter', { name: 'live', functionVersion: '1', routing: { 2: 0.1 } }), coded('INVALID_PARAMETER', /same DeadLetterConfig; versions 1 and 2/));
      assert.equal((await e.service.versions.createAlias('greeter', { name: 'live', functionVersion: '2' })).FunctionVersion, '2');
    } finally {
      await e.dispose();
    }
  });
});
