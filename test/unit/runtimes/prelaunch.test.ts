// Unit (with real processes and sockets): the head start of src/core/runtime/prelaunch.ts on its own. A
// recorded launch starts again with every per-run value (Runtime API address and socket, Lambda API URL, log
// stream, environment folder) replaced by a fresh one, waits at its gate, and is claimed only for exactly its
// launch; records are the owner's only and at most 32 are kept.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../helpers/tempDirs';
import { kernelRandomBytes, nameHash } from '../../../src/core/common/kernelRandom';
import { saveLaunchRecord, startPrelaunch, type LaunchRecord } from '../../../src/core/runtime/prelaunch';
import type { ProcessLaunch } from '../../../src/core/runtime/runtimeProcess';

/** Reads the gate as our bootstrap does, then prints the variables it was started with. */
const SCRIPT = [
  "const fs = require('node:fs');",
  'const fd = Number(process.env.LAMBDA_WORKBENCH_GATE_FD);',
  'const b = Buffer.alloc(1);',
  'for (;;) { try { if (fs.readSync(fd, b) === 1) break; process.exit(3); } catch (e) { if (e.code !== "EAGAIN") throw e; } }',
  "process.stdout.write(JSON.stringify({ api: process.env.AWS_LAMBDA_RUNTIME_API, sock: process.env.LAMBDA_WORKBENCH_RUNTIME_SOCKET, url: process.env.AWS_ENDPOINT_URL_LAMBDA, stream: process.env.AWS_LAMBDA_LOG_STREAM_NAME, tmp: process.env.TMPDIR }));",
].join('\n');

function record(root: string): LaunchRecord {
  const envDir = join(root, 'envs', 'a'.repeat(32));
  const env = {
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:1111/oldsecret',
    LAMBDA_WORKBENCH_RUNTIME_SOCKET: '@lambda-workbench-rapi-1-old',
    AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:2222',
    AWS_LAMBDA_LOG_STREAM_NAME: '2020/01/01/[$LATEST]' + 'b'.repeat(32),
    TMPDIR: join(envDir, 'tmp'),
  };
  const launch: ProcessLaunch = { command: process.execPath, args: ['-e', SCRIPT], env, cwd: root, isolated: false, logSync: false };
  return {
    functionName: 'Fn',
    version: '$LATEST',
    taskRoot: join(root, 'task'),
    uses: [join(root, 'task')],
    envDir,
    envId: 'a'.repeat(32),
    dirs: ['tmp'],
    statusFd: false,
    launch,
    runtimeApi: env.AWS_LAMBDA_RUNTIME_API,
    localSocket: env.LAMBDA_WORKBENCH_RUNTIME_SOCKET,
    lambdaApiUrl: env.AWS_ENDPOINT_URL_LAMBDA,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
  };
}

test('a recorded launch starts with fresh per-run values, waits at its gate, and runs once claimed and opened', async () => {
  const root = tempDir('lwb-prelaunch-');
  const file = join(root, 'records', 'r.json');
  const r = record(root);
  saveLaunchRecord(file, r, []);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const offer = await startPrelaunch(file);
  assert.ok(offer, 'no head start from a fresh record');
  try {
    const api = offer.takeRuntimeApi()!;
    const lambdaApi = offer.takeLambdaApi()!;
    assert.notEqual(offer.envId, r.envId);
    // The folder is claimed for this process, with what the launch needs made.
    assert.ok(statSync(join(offer.envDir, 'tmp')).isDirectory());
    assert.ok(statSync(join(offer.envDir, 'owner.json')).isFile());
    const fresh = {
      api: `127.0.0.1:${(api.tcp.address() as { port: number }).port}/${api.secret}`,
      sock: `@${api.local!.name}`,
      url: `http://127.0.0.1:${(lambdaApi.address() as { port: number }).port}`,
      stream: offer.logStreamName,
      tmp: join(offer.envDir, 'tmp'),
    };
    const launch = { ...r.launch, env: { AWS_LAMBDA_RUNTIME_API: fresh.api, LAMBDA_WORKBENCH_RUNTIME_SOCKET: fresh.sock, AWS_ENDPOINT_URL_LAMBDA: fresh.url, AWS_LAMBDA_LOG_STREAM_NAME: fresh.stream, TMPDIR: fresh.tmp } };
    assert.equal(offer.claim({ ...launch, args: ['-e', 'other'] }, false), undefined, 'claimed for another launch');
    assert.equal(offer.outcome, 'discarded: the launch differs');
    api.tcp.close();
    api.local!.server.close();
    lambdaApi.close();
  } finally {
    offer.dispose();
  }

  // Again, this time claimed for exactly its launch.
  const second = (await startPrelaunch(file))!;
  const api = second.takeRuntimeApi()!;
  const lambdaApi = second.takeLambdaApi()!;
  const env = {
    AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${(api.tcp.address() as { port: number }).port}/${api.secret}`,
    LAMBDA_WORKBENCH_RUNTIME_SOCKET: `@${api.local!.name}`,
    AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${(lambdaApi.address() as { port: number }).port}`,
    AWS_LAMBDA_LOG_STREAM_NAME: second.logStreamName,
    TMPDIR: join(second.envDir, 'tmp'),
  };
  const child = second.claim({ ...r.launch, env }, false);
  assert.ok(child, `not claimed: ${second.outcome}`);
  assert.equal(second.outcome, 'adopted');
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  second.open();
  assert.equal(await exited, 0);
  assert.deepEqual(JSON.parse(out), { api: env.AWS_LAMBDA_RUNTIME_API, sock: env.LAMBDA_WORKBENCH_RUNTIME_SOCKET, url: env.AWS_ENDPOINT_URL_LAMBDA, stream: env.AWS_LAMBDA_LOG_STREAM_NAME, tmp: env.TMPDIR });
  assert.match(second.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  second.dispose();
  api.tcp.close();
  api.local!.server.close();
  lambdaApi.close();
});

test('no head start without a record, with a corrupt one, or when a watched file changed; at most 32 records', async () => {
  const root = tempDir('lwb-prelaunch-');
  const dir = join(root, 'records');
  assert.equal(await startPrelaunch(join(dir, 'missing.json')), undefined);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'corrupt.json'), '{');
  assert.equal(await startPrelaunch(join(dir, 'corrupt.json')), undefined);
  const watched = join(root, 'template.yaml');
  writeFileSync(watched, 'a');
  saveLaunchRecord(join(dir, 'w.json'), record(root), [watched]);
  writeFileSync(watched, 'changed');
  assert.equal(await startPrelaunch(join(dir, 'w.json')), undefined);
  for (let i = 0; i < 40; i++) saveLaunchRecord(join(dir, `n${i}.json`), record(root), []);
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.json')).length, 32);
});

test('connections to the local socket before it is taken are held unread and handed over once; later ones are not held', async () => {
  const root = tempDir('lwb-prelaunch-early-');
  const file = join(root, 'records', 'r.json');
  saveLaunchRecord(file, record(root), []);
  const offer = (await startPrelaunch(file))!;
  const api = offer.takeRuntimeApi()!;
  const local = api.local!;
  try {
    // As our bootstrap does at its gate: connect, and (here) write at once, before anyone serves the socket.
    const early = connect({ path: `\0${local.name}` });
    early.write('GET /early');
    await once(early, 'connect');
    while ((await new Promise<number>((res, rej) => local.server.getConnections((e, n) => (e ? rej(e) : res(n))))) < 1) await new Promise((r) => setImmediate(r));
    const held = local.takeEarly();
    assert.equal(held.length, 1);
    const [data] = (await once(held[0], 'data')) as [Buffer];
    assert.equal(data.toString(), 'GET /early', 'the held connection lost what was written before it was served');
    assert.deepEqual(local.takeEarly(), [], 'handed over twice');
    // Once taken, a new connection goes to whoever listens for it, not to the hold.
    const served = once(local.server, 'connection');
    const later = connect({ path: `\0${local.name}` });
    await served;
    assert.deepEqual(local.takeEarly(), []);
    for (const s of [early, later, ...held]) s.destroy();
  } finally {
    offer.dispose();
    api.tcp.close();
    local.server.close();
    offer.takeLambdaApi()?.close();
  }
});

test('kernelRandomBytes gives fresh bytes of the length asked; nameHash is stable, 24 hex, and tells inputs apart', () => {
  const a = kernelRandomBytes(49);
  const b = kernelRandomBytes(49);
  assert.equal(a.length, 49);
  assert.notDeepEqual(a, b);
  assert.equal(nameHash('["/work","invoke"]'), nameHash('["/work","invoke"]'));
  assert.match(nameHash(''), /^[0-9a-f]{24}$/);
  const names = new Set(Array.from({ length: 2000 }, (_, i) => nameHash(`["/work/p${i}","invoke","Fn"]`)));
  assert.equal(names.size, 2000);
});
