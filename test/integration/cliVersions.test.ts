// Integration: `versions publish|list`, `aliases create|update|get|list|delete` and `invoke Fn:alias` /
// `--qualifier` as users run them — a real `lambda-workbench` process, its stdout, stderr and exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:greeter';

describe('lambda-workbench versions and aliases', () => {
  const dir = tempDir('lwb-cli-versions-');
  cpSync(join(fixtures, 'versions'), dir, { recursive: true });
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('publish, list, alias with routing, invoke through the alias and with --qualifier', () => {
    const v1 = cli('versions', 'publish', 'Greeter');
    assert.equal(v1.code, 0, v1.stderr);
    assert.match(v1.stdout, new RegExp(`^${ARN}:1\tCodeSha256 [A-Za-z0-9+/]{43}=\n$`));
    const file = join(dir, 'greeter', 'index.js');
    writeFileSync(file, readFileSync(file, 'utf8').replace("'v1'", "'v2'"));
    const v2 = JSON.parse(cli('versions', 'publish', 'greeter', '--description', 'second', '--json').stdout);
    assert.equal(v2.Version, '2');
    assert.equal(v2.Description, 'second');

    const list = cli('versions', 'list', 'greeter');
    assert.equal(list.code, 0, list.stderr);
    const rows = list.stdout.trim().split('\n').map((l) => l.split(/\s{2,}/));
    assert.deepEqual(rows.map((r) => r[0]), ['VERSION', '$LATEST', '1', '2']);
    assert.equal(rows[3][6], 'second');
    assert.deepEqual(JSON.parse(cli('versions', 'list', 'greeter', '--json').stdout).map((v: { Version: string }) => v.Version), ['$LATEST', '1', '2']);

    const created = cli('aliases', 'create', 'greeter', 'live', '--function-version', '1', '--routing', '2=0.25');
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, `${ARN}:live\t→ version 1 (75%), version 2 (25%)\n`);
    const listed = JSON.parse(cli('aliases', 'list', 'greeter', '--json').stdout);
    assert.deepEqual(listed.map((a: { Name: string; RoutingConfig: unknown }) => [a.Name, a.RoutingConfig]), [['live', { AdditionalVersionWeights: { 2: 0.25 } }]]);

    const routed = cli('invoke', 'greeter:live', '--repeat', '40');
    assert.equal(routed.code, 0, routed.stderr);
    const marks = routed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(marks.every((m) => m.invokedFunctionArn === `${ARN}:live` && m.mark === `v${m.envVersion}`));
    assert.ok(marks.some((m) => m.envVersion === '1') && marks.some((m) => m.envVersion === '2'), 'both versions served the alias');
    assert.match(routed.stderr, /^START RequestId: \S+ Version: 2$/m);

    const q = cli('invoke', 'greeter', '--qualifier', '1');
    assert.equal(q.code, 0, q.stderr);
    assert.equal(JSON.parse(q.stdout).mark, 'v1');
    assert.equal(JSON.parse(cli('invoke', 'greeter').stdout).mark, 'v2');

    const moved = cli('aliases', 'update', 'greeter', 'live', '--function-version', '2', '--routing', 'none');
    assert.equal(moved.stdout, `${ARN}:live\t→ version 2\n`);
    assert.equal(JSON.parse(cli('aliases', 'get', 'greeter', 'live', '--json').stdout).FunctionVersion, '2');
    assert.equal(cli('aliases', 'delete', 'greeter', 'live').code, 0);
    assert.equal(cli('aliases', 'list', 'greeter').stdout, 'ALIAS  VERSION  ROUTING  DESCRIPTION\n');
  });

  test('bad input exits 2 with a coded error', () => {
    const bad = cli('aliases', 'create', 'greeter', 'x', '--function-version', '1', '--routing', '2=lots');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^Error \[INVALID_PARAMETER\]: Bad --routing entry "2=lots"/m);
    const missing = cli('invoke', 'greeter:9');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^Error \[FUNCTION_NOT_FOUND\]: Function not found: arn:aws:lambda:us-east-1:123456789012:function:greeter:9\./m);
    const noVersion = cli('aliases', 'create', 'greeter', 'x');
    assert.equal(noVersion.code, 2);
    assert.match(noVersion.stderr, /needs --function-version N/);
    const mismatch = cli('invoke', 'greeter:1', '--qualifier', '2');
    assert.equal(mismatch.code, 2);
    assert.match(mismatch.stderr, /^Error \[INVALID_PARAMETER\]: The derived qualifier from the function name does not match/m);
  });
});
