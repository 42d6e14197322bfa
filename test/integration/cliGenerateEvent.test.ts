// Integration: `lambda-workbench generate-event` as SAM users run `sam local generate-event` — real CLI processes:
// the service list, a service's events with their flags, a sample with flags on stdout, coded errors with exit 2,
// and `invoke --event sample:<service>/<event>` delivering a fresh sample to a real function.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/tempDirs';
import { fixtures, repoRoot } from './helpers/engine';

const bin = join(repoRoot, 'bin', 'lambda-workbench.js');
const cwd = join(fixtures, 'samples');

describe('lambda-workbench generate-event', () => {
  const stateDir = tempDir('lwb-cli-samples-');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 90_000, env: { ...process.env, AWS_REGION: '', AWS_DEFAULT_REGION: '' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('without arguments: the services with their events', () => {
    const r = cli('generate-event');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^SERVICE\s+EVENTS\n/);
    assert.match(r.stdout, /\napigateway\s+http-api-proxy, aws-proxy, authorizer, /);
    assert.match(r.stdout, /\ns3\s+put, delete\n/);
  });

  test('a service: its events, each with its flags and defaults', () => {
    const r = cli('generate-event', 's3');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^put {2}S3 Put: ObjectCreated:Put on a bucket\n {4}--bucket <value> {2}bucket name \(default: "example-bucket"\)\n/);
    assert.match(r.stdout, /\ndelete {2}S3 Delete: /);
  });

  test('a sample with flags (both --name value and --name=value), region and account in its ARNs', () => {
    const r = cli('generate-event', 'sqs', 'receive-message', '--body', 'hello there', '--queue-name=orders', '--region', 'eu-west-1', '--account-id', '111122223333');
    assert.equal(r.code, 0, r.stderr);
    const [m] = JSON.parse(r.stdout).Records;
    assert.deepEqual([m.body, m.eventSourceARN, m.awsRegion], ['hello there', 'arn:aws:sqs:eu-west-1:111122223333:orders', 'eu-west-1']);
  });

  test('unknown services, events and flags are coded errors with exit code 2', () => {
    const svc = cli('generate-event', 'nosuch');
    assert.equal(svc.code, 2);
    assert.match(svc.stderr, /UNKNOWN_SAMPLE_EVENT/);
    assert.match(svc.stderr, /Services: apigateway, /);
    const ev = cli('generate-event', 's3', 'copy');
    assert.equal(ev.code, 2);
    assert.match(ev.stderr, /s3 has s3\/put, s3\/delete/);
    const fl = cli('generate-event', 's3', 'put', '--colour', 'red');
    assert.equal(fl.code, 2);
    assert.match(fl.stderr, /INVALID_SAMPLE_FLAG/);
    assert.match(fl.stderr, /--bucket, --key, --size/);
    assert.equal(fl.stdout, '', 'nothing on stdout');
  });

  test('invoke --event sample:<service>/<event>: the function gets a fresh sample', () => {
    const r = cli('invoke', 'Echo', '--event', 'sample:apigateway/aws-proxy', '--state-dir', stateDir);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.httpMethod, 'POST');
    assert.equal(e.requestContext.stage, 'prod');
    assert.match(e.requestContext.requestId, /^[0-9a-f-]{36}$/);
    const bad = cli('invoke', 'Echo', '--event', 'sample:nope', '--state-dir', stateDir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown sample event "nope"/);
  });
});
