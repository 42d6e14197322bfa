// unit: the deploy/sync target — region precedence, profiles from real shared files, the SDK's real credential
// chain (fromNodeProviderChain reading those files), endpoints per service, and the confirmation line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeTarget, resolveAwsTarget } from '../../../src/core/deploy/awsTarget';
import { WorkbenchError } from '../../../src/core/common/errors';

const coded = (code: string, re: RegExp) => (e: unknown) => e instanceof WorkbenchError && e.code === code && re.test(e.message);

describe('resolveAwsTarget', () => {
  let dir: string;
  const saved: Record<string, string | undefined> = {};
  // STS GetCallerIdentity goes to a STUB: no STS is reachable from this machine. It answers the documented
  // awsQuery XML shape of GetCallerIdentity (the SDK's real client parses it) and records the requests.
  let sts: Server;
  const stsRequests: string[] = [];
  const keys = ['AWS_ENDPOINT_URL_STS', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED'];
  before(async () => {
    sts = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d));
      req.on('end', () => {
        stsRequests.push(body);
        res.setHeader('content-type', 'text/xml');
        res.end('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user/dev</Arn><UserId>AIDAEXAMPLE</UserId><Account>210987654321</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</RequestId></ResponseMetadata></GetCallerIdentityResponse>');
      });
    });
    await new Promise<void>((r) => sts.listen(0, '127.0.0.1', r));
    dir = mkdtempSync(join(tmpdir(), 'lwb-target-'));
    writeFileSync(join(dir, 'config'), '[profile dev]\nregion = eu-west-3\n[default]\nregion = ap-south-1\n');
    writeFileSync(join(dir, 'credentials'), '[dev]\naws_access_key_id = AKIDDEVEXAMPLE\naws_secret_access_key = devsecret\n');
    for (const k of keys) saved[k] = process.env[k];
    for (const k of keys) delete process.env[k];
    // The SDK's chain reads process.env; point it at the files above only.
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    process.env.AWS_ENDPOINT_URL_STS = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
  });
  after(() => {
    sts.close();
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

  it('names the account of the credentials (STS GetCallerIdentity) when the target is AWS itself, not for an endpoint', async () => {
    const before = stsRequests.length;
    const t = await resolveAwsTarget({ profile: 'dev', stackName: 'orders' });
    assert.equal(t.account, '210987654321');
    assert.equal(t.describe(), 'account 210987654321, region eu-west-3, stack orders');
    assert.equal(stsRequests.length, before + 1);
    assert.match(stsRequests.at(-1)!, /Action=GetCallerIdentity/);
    const local = await resolveAwsTarget({ profile: 'dev', endpoints: { lambda: 'http://127.0.0.1:3001' } });
    assert.equal(local.account, undefined);
    assert.equal(stsRequests.length, before + 1, 'no STS call for an endpoint');
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
