// Unit (plain node, no vscode; real files in a temp dir): the profile setting's region is read ahead from the
// shared config files, AWS_REGION wins over it, the profile's credentials reach functions, and an unknown
// profile is a warning naming the profiles there are (never a key).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AwsProfiles } from '../../../src/vscode/awsProfiles';
import { tempDir } from '../../helpers/tempDirs';

/** The files' variables, as the process has them: AwsProfile looks for the files through the env it is given. */
const files = (): NodeJS.ProcessEnv => ({ AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE });
const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
before(() => {
  const dir = tempDir('lwb-profiles-');
  // The shared-file loader reads these variables of the process itself.
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  writeFileSync(process.env.AWS_CONFIG_FILE, '[default]\nregion = us-west-2\n[profile work-dev]\nregion = eu-central-1\n');
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '[work-dev]\naws_access_key_id = AKIAWORKDEV\naws_secret_access_key = s3cr3t-work-dev\n');
});
after(() => {
  for (const [k, v] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

test("a profile's region is read ahead; AWS_REGION wins over it; forget reads again", async () => {
  const warnings: string[] = [];
  const profiles = new AwsProfiles((m) => warnings.push(m), files());
  assert.equal(profiles.region('work-dev'), undefined);
  await profiles.prepare(['work-dev', undefined, '']);
  assert.equal(profiles.region('work-dev'), 'eu-central-1');
  const withEnv = new AwsProfiles(() => undefined, { ...files(), AWS_REGION: 'ap-south-1' });
  await withEnv.prepare(['work-dev']);
  assert.equal(withEnv.region('work-dev'), 'ap-south-1');
  profiles.forget();
  assert.equal(profiles.region('work-dev'), undefined);
  assert.deepEqual(warnings, []);
});

test("the profile's credentials reach functions, over the host's variables", async () => {
  const profiles = new AwsProfiles(() => undefined, { ...files(), AWS_ACCESS_KEY_ID: 'AKIAHOST', AWS_SECRET_ACCESS_KEY: 'host' });
  assert.deepEqual(await profiles.credentials('work-dev', undefined)(), { accessKeyId: 'AKIAWORKDEV', secretAccessKey: 's3cr3t-work-dev', sessionToken: undefined });
});

test('an unknown profile: one warning naming the profiles there are, no region; its credentials fail with the code', async () => {
  const warnings: string[] = [];
  const profiles = new AwsProfiles((m) => warnings.push(m), files());
  await profiles.prepare(['nope']);
  assert.equal(profiles.region('nope'), undefined);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /AWS profile "nope" is in neither ~\/\.aws\/credentials nor ~\/\.aws\/config .*profiles there: (default, work-dev|work-dev, default)/);
  assert.doesNotMatch(warnings[0], /s3cr3t|AKIA/);
  await assert.rejects(profiles.credentials('nope', undefined)(), (e: Error & { code?: string }) => e.code === 'PROFILE_NOT_FOUND');
});
