// unit: the deploy/sync target — region precedence, profiles from real shared files, the SDK's real credential
// chain (fromNodeProviderChain reading those files), endpoints per service, and the confirmation line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeTarget, resolveAwsTarget } from '../../../src/core/deploy/awsTarget';
import { WorkbenchError } from '../../../src/core/common/errors';

const coded = (code: string, re: RegExp) => (e: unknown) => e instanceof WorkbenchError && e.code === code && re.test(e.message);

describe('resolveAwsTarget', () => {
  let dir: string;
  const saved: Record<string, string | undefined> = {};
  const keys = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED'];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lwb-target-'));
    writeFileSync(join(dir, 'config'), '[profile dev]\nregion = eu-west-3\n[default]\nregion = ap-south-1\n');
    writeFileSync(join(dir, 'credentials'), '[dev]\naws_access_key_id = AKIDDEVEXAMPLE\naws_secret_access_key = devsecret\n');
    for (const k of keys) saved[k] = process.env[k];
    for (const k of keys) delete process.env[k];
    // The SDK's chain reads process.env; point it at the files above only.
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });
  after(() => {
    for (const k of keys) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the profile credentials through the SDK chain, its region, and the endpoint per service', async () => {
    const t = await resolveAwsTarget({ profile: 'dev', endpoints: { lambda: 'http://127.0.0.1:3001/' } });
    assert.equal(t.region, 'eu-west-3');
    assert.equal(t.profile, 'dev');
    const lambda = t.clientConfig('lambda');
    assert.equal(lambda.endpoint, 'http://127.0.0.1:3001');
    assert.equal((await lambda.credentials()).accessKeyId, 'AKIDDEVEXAMPLE');
    assert.equal(t.clientConfig('s3').endpoint, undefined);
    assert.equal(t.describe(), 'endpoint http://127.0.0.1:3001 (profile dev), region eu-west-3');
  });

  it('prefers --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 's' };
    const chain = () => async () => ({ accessKeyId: 'AKIDENV', secretAccessKey: 's' });
    assert.equal((await resolveAwsTarget({ region: 'us-west-2' }, { env: { ...env, AWS_REGION: 'eu-north-1' }, credentialChain: chain })).region, 'us-west-2');
    assert.equal((await resolveAwsTarget({}, { env: { ...env, AWS_REGION: 'eu-north-1', AWS_DEFAULT_REGION: 'sa-east-1' }, credentialChain: chain })).region, 'eu-north-1');
    assert.equal((await resolveAwsTarget({}, { env: { ...env, AWS_DEFAULT_REGION: 'sa-east-1' }, credentialChain: chain })).region, 'sa-east-1');
    assert.equal((await resolveAwsTarget({}, { env, credentialChain: chain })).region, 'ap-south-1');
    assert.equal((await resolveAwsTarget({}, { env: { ...env, AWS_PROFILE: 'dev' }, credentialChain: chain })).region, 'eu-west-3');
  });

  it('names a missing profile, a missing credential and a bad endpoint with their codes', async () => {
    await assert.rejects(resolveAwsTarget({ profile: 'nope' }), coded('PROFILE_NOT_FOUND', /"nope".*profiles there: default, dev/));
    // The default chain finds nothing: no env keys, no [default] credentials, no instance metadata.
    await assert.rejects(resolveAwsTarget({}), coded('CREDENTIALS_UNAVAILABLE', /No AWS credentials for the default chain/));
    await assert.rejects(resolveAwsTarget({ profile: 'dev', endpoints: { lambda: 'localhost:3001' } }), coded('INVALID_PARAMETER', /lambda endpoint must be an http/));
  });

  it('describes an account, a stack and several endpoints', () => {
    assert.equal(describeTarget({ region: 'us-east-1', profile: undefined, endpoints: {}, account: '123456789012', stackName: 'app' }), 'account 123456789012, region us-east-1, stack app');
    assert.equal(describeTarget({ region: 'us-east-1', profile: 'p', endpoints: { s3: 'http://127.0.0.1:4569', cloudformation: 'http://127.0.0.1:4570' } }), 'endpoint http://127.0.0.1:4569, http://127.0.0.1:4570 (profile p), region us-east-1');
  });
});
