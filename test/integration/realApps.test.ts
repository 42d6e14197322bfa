// Integration: real projects run unchanged (issue 11) — through the real CLI: a template with broken functions
// still lists and runs its healthy one; production dependencies are installed as `sam build` does (the npm
// registry is reachable here; `ms` is the tiny dependency); failed npm and pip steps are cached; deprecated
// runtimes; a `#!/bin/sh` bootstrap with bash features on a host whose sh is dash; errors that point at the fix.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';
import { assertGolden } from './helpers/golden';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const apps = join(fixtures, 'realapps');

function cli(args: string[], opts: { cwd?: string; env?: Record<string, string>; stateDir?: string } = {}) {
  const stateDir = opts.stateDir ?? tempDir('lwb-realapps-state-');
  const r = spawnSync(process.execPath, [bin, ...args, '--state-dir', stateDir], { cwd: opts.cwd ?? apps, encoding: 'utf8', timeout: 240_000, env: { ...process.env, ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, stateDir };
}

/** The coded error on stderr (from its `Error [CODE]` line on) and progress lines, without logs and warnings. */
function errors(stderr: string): string {
  const lines = stderr.split('\n');
  const start = lines.findIndex((l) => /^Error \[/.test(l));
  const progress = lines.slice(0, Math.max(start, 0)).filter((l) => /^(function|layer) "/.test(l));
  const tail = start < 0 ? [] : lines.slice(start).filter((l) => !/^(INIT_START|INIT_REPORT|START|END|REPORT|Warning:|Looking in links:)/.test(l));
  return [...progress, ...tail].join('\n');
}

/** Every file under `dir`, relative, sorted. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('one broken function does not break the template', () => {
  const t = join(apps, 'broken', 'template.yaml');

  test('list shows the healthy function and marks the two broken ones, with their coded errors at file:line', () => {
    const r = cli(['list', '-t', t]);
    assert.equal(r.code, 0, r.stderr);
    assertGolden('list-broken.txt', r.stdout, [[apps, '<APPS>']]);
  });

  test('list --json gives each broken function its code, message and position', () => {
    const r = cli(['list', '-t', t, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { logicalId: string; broken?: boolean; error?: { code: string; line: number; file: string } }[];
    assert.deepEqual(rows.map((x) => [x.logicalId, x.broken ?? false, x.error?.code ?? null, x.error?.line ?? null]), [
      ['HealthyFunction', false, null, null],
      ['TypoRuntimeFunction', true, 'UNKNOWN_RUNTIME', 18],
      ['ProducerFunction', true, 'CODE_URI_NOT_FOUND', 23],
    ]);
    assert.equal(rows[1].error?.file, t);
  });

  test('the healthy function invokes', () => {
    const r = cli(['invoke', 'HealthyFunction', '-t', t]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { healthy: true, event: {} });
  });

  test('invoking a broken function fails with its own error: a did-you-mean for the runtime', () => {
    const r = cli(['invoke', 'TypoRuntimeFunction', '-t', t]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assertGolden('invoke-unknown-runtime.txt', r.stderr, [[apps, '<APPS>']]);
  });

  test('package --all packages the healthy function and names each broken one it left out', () => {
    const out = tempDir('lwb-realapps-dist-');
    const r = cli(['package', '--all', '-t', t, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(out), ['HealthyFunction.zip']);
    assert.deepEqual(r.stderr.match(/^Warning: Function \w+ is not packaged: \[\w+\]/gm), ['Warning: Function TypoRuntimeFunction is not packaged: [UNKNOWN_RUNTIME]', 'Warning: Function ProducerFunction is not packaged: [CODE_URI_NOT_FOUND]']);
  });

  test('a CodeUri differing only in case says that Lambda is case-sensitive and names the folder', () => {
    const r = cli(['invoke', 'ProducerFunction', '-t', t]);
    assert.equal(r.code, 2);
    assertGolden('invoke-codeuri-case.txt', r.stderr, [[apps, '<APPS>']]);
  });
});

describe('production dependencies are installed as sam build does', () => {
  test('an uninstalled dependency is installed into the build, the user folder untouched; the second invoke uses the cache', () => {
    const project = join(tempDir('lwb-realapps-deps-'), 'deps');
    cpSync(join(apps, 'deps'), project, { recursive: true });
    const before = listing(project);
    const stateDir = tempDir('lwb-realapps-state-');
    const first = cli(['invoke', 'DepsFunction'], { cwd: project, stateDir });
    assert.equal(first.code, 0, first.stderr);
    const payload = JSON.parse(first.stdout) as { twoHours: number; resolvedFrom: string };
    assert.equal(payload.twoHours, 7_200_000);
    assert.ok(payload.resolvedFrom.startsWith(join(stateDir, 'packages')), payload.resolvedFrom);
    assert.match(first.stderr, /^function "DepsFunction": npm ci --omit=dev \(production dependencies, into the build folder\)$/m);
    assert.deepEqual(listing(project), before, 'nothing was written into the user folder');
    const installed = readdirSync(join(stateDir, 'dependencies')).filter((d) => d !== 'failed');
    assert.equal(installed.length, 1);
    assert.deepEqual(readdirSync(join(stateDir, 'dependencies', installed[0], 'node_modules')).filter((d) => !d.startsWith('.')), ['ms'], 'devDependencies are not installed');

    const second = cli(['invoke', 'DepsFunction'], { cwd: project, stateDir });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).twoHours, 7_200_000);
    assert.doesNotMatch(second.stderr, /npm/, 'the second invoke ran no npm');
  });

  test('a layer with BuildMethod nodejs22.x gets its dependencies under /opt/nodejs/node_modules (npm install without a lockfile)', () => {
    const project = join(tempDir('lwb-realapps-deps-'), 'deps');
    cpSync(join(apps, 'deps'), project, { recursive: true });
    const r = cli(['invoke', 'UsesLayerFunction'], { cwd: project });
    assert.equal(r.code, 0, r.stderr);
    const payload = JSON.parse(r.stdout) as { oneMinute: number; resolvedFrom: string };
    assert.equal(payload.oneMinute, 60_000);
    assert.match(payload.resolvedFrom, /\/opt\/[0-9a-f]+\/nodejs\/node_modules\/ms\/index\.js$/);
    assert.match(r.stderr, /^layer "MsLayer": npm install --omit=dev \(production dependencies, into the build folder\)$/m);
    assert.equal(existsSync(join(project, 'layer', 'node_modules')), false);
  });

  test('an unreachable registry is a coded error with npm\'s own message, cached until an input changes or `package` rebuilds', async () => {
    const project = join(tempDir('lwb-realapps-deps-'), 'deps');
    cpSync(join(apps, 'deps'), project, { recursive: true });
    const port = await closedPort();
    const env = { npm_config_registry: `http://127.0.0.1:${port}/`, npm_config_fetch_retries: '0' };
    const stateDir = tempDir('lwb-realapps-state-');
    const first = cli(['invoke', 'DepsFunction'], { cwd: project, env, stateDir });
    assert.equal(first.code, 2);
    const placeholders: [string, string][] = [[project, '<PROJECT>'], [String(port), '<PORT>']];
    assertGolden('npm-unreachable.txt', errors(first.stderr), placeholders);

    const again = cli(['invoke', 'DepsFunction'], { cwd: project, env, stateDir });
    assert.equal(again.code, 2);
    assert.doesNotMatch(again.stderr, /npm ci --omit=dev \(production/, 'npm did not run again');
    assertGolden('npm-unreachable-cached.txt', errors(again.stderr), placeholders);

    const rebuilt = cli(['package', 'DepsFunction'], { cwd: project, env, stateDir });
    assert.equal(rebuilt.code, 2);
    assert.doesNotMatch(rebuilt.stderr, /is not retried/, 'package is an explicit rebuild: npm ran again');

    writeFileSync(join(project, 'app', 'package.json'), readFileSync(join(project, 'app', 'package.json'), 'utf8').replace('"1.0.0"', '"1.0.1"'));
    const changed = cli(['invoke', 'DepsFunction'], { cwd: project, env, stateDir });
    assert.equal(changed.code, 2);
    assert.match(changed.stderr, /npm ci --omit=dev \(production dependencies/, 'a changed package.json retries');
  });
});

describe('a failed pip step is cached against its inputs', () => {
  test('the second invoke fails at once with the same message; a changed requirements.txt retries', () => {
    const project = join(tempDir('lwb-realapps-pip-'), 'pip');
    cpSync(join(apps, 'pip'), project, { recursive: true });
    const stateDir = tempDir('lwb-realapps-state-');
    const first = cli(['invoke', 'PipFails'], { cwd: project, stateDir });
    assert.equal(first.code, 2);
    assert.match(first.stderr, /^Error \[DEPENDENCIES_FAILED\]: pip could not install the requirements of function "PipFails"/m);
    assert.doesNotMatch(first.stderr, /not retried/);
    const again = cli(['invoke', 'PipFails'], { cwd: project, stateDir });
    assert.equal(again.code, 2);
    assertGolden('pip-failed-cached.txt', errors(again.stderr), [[project, '<PROJECT>']]);
    writeFileSync(join(project, 'app', 'requirements.txt'), 'lambda-workbench-no-such-package==2.0\n');
    const changed = cli(['invoke', 'PipFails'], { cwd: project, stateDir });
    assert.equal(changed.code, 2);
    assert.match(changed.stderr, /no-such-package==2\.0/);
    assert.doesNotMatch(changed.stderr, /not retried/);
  });
});

describe('deprecated runtimes', () => {
  const t = join(apps, 'deprecated', 'template.yaml');

  test('nodejs16.x runs on the local node, with a warning naming the date and the runtime to move to', () => {
    const r = cli(['invoke', 'Node16Function', '-t', t]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { runtime: 'AWS_Lambda_nodejs16.x' });
    assert.match(r.stderr, /^Warning: Function "Node16Function" uses nodejs16\.x; it still runs, as Lambda still invokes it\. nodejs16\.x was deprecated by Lambda on 2024-06-12; move to nodejs24\.x\.$/m);
  });

  test('python3.8 runs on a local interpreter, with a warning', () => {
    const r = cli(['invoke', 'Python38Function', '-t', t]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { runtime: 'AWS_Lambda_python3.8' });
    assert.match(r.stderr, /^Warning: Function "Python38Function" uses python3\.8; it still runs, as Lambda still invokes it\. python3\.8 was deprecated by Lambda on 2024-10-14; move to python3\.14\.$/m);
  });

  test('go1.x runs its Handler executable as a custom runtime and says to move to provided.al2023', () => {
    const r = cli(['invoke', 'GoFunction', '-t', t]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { go: 'AWS_Lambda_go1.x', handler: 'hello' });
    assert.match(r.stderr, /go1\.x was deprecated by Lambda on 2024-01-08; move to provided\.al2023 \(build the binary as "bootstrap"/);
  });

  test('provided (Amazon Linux 1) runs with a warning', () => {
    const r = cli(['invoke', 'CustomAl1Function', '-t', t]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /provided was deprecated by Lambda on 2024-01-08; move to provided\.al2023\./);
  });

  test('java8 and python2.7 cannot run locally: coded errors with the date; the rest of the template still lists', () => {
    const java = cli(['invoke', 'Java8Function', '-t', t]);
    assert.equal(java.code, 2);
    const python2 = cli(['invoke', 'Python27Function', '-t', t]);
    assert.equal(python2.code, 2);
    assertGolden('deprecated-cannot-run.txt', java.stderr + python2.stderr, [[apps, '<APPS>']]);
    const list = cli(['list', '-t', t]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^Node16Function +nodejs16\.x/m);
    assert.match(list.stdout, /^Java8Function \(broken\) +java8/m);
  });
});

describe('a #!/bin/sh bootstrap runs with bash where the host\'s sh is not bash', () => {
  test('set -o pipefail, source and [[ ]] work, as on Amazon Linux; the debug line says so', () => {
    const event = join(tempDir('lwb-realapps-event-'), 'event.json');
    writeFileSync(event, '"please fail"');
    const r = cli(['invoke', 'BashismsFunction', '-t', join(apps, 'sh', 'template.yaml'), '--event', event], { env: { LAMBDA_WORKBENCH_DEBUG: '1' } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { status: 'pipefail-works', shell: 'bash' });
    if (!/bash$/.test(spawnSync('readlink', ['-f', '/bin/sh'], { encoding: 'utf8' }).stdout.trim())) {
      assert.match(r.stderr, /^\[lambda-workbench\] .*\/bootstrap: #!\/bin\/sh runs with \S*bash --posix/m);
    }
  });
});

describe('errors that point at the fix', () => {
  test('a missing handler export lists the exports that exist, at the Handler line', () => {
    const r = cli(['invoke', 'MisspelledExport', '-t', join(apps, 'errors', 'template.yaml')]);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).errorType, 'Runtime.HandlerNotFound');
    assertGolden('handler-exports.txt', errors(r.stderr), [[apps, '<APPS>']]);
  });

  test('an event file that cannot be read is shown as an absolute path with the working directory', () => {
    const r = cli(['invoke', 'MisspelledExport', '-t', join(apps, 'errors', 'template.yaml'), '--event', 'events/missing.json'], { cwd: join(apps, 'errors') });
    assert.equal(r.code, 2);
    assertGolden('event-file-unreadable.txt', r.stderr, [[apps, '<APPS>']]);
  });
});
