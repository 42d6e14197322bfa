// core/deploy: what a deploy of a template used last time (stack name, region, profile, bucket), remembered
// per template in `<stateDir>/deploy.json` so the next `deploy` needs no flags — the role samconfig.toml's
// [default.deploy.parameters] plays for `sam deploy --guided` (that file is read too, and wins, see samConfig.ts).
// The state directory is per machine and git-ignored: a stack name is a local habit, not project config.
import { join, relative } from 'node:path';
import { readJson, writeJsonAtomic } from '../store/atomicJson';

export interface DeploySettings {
  stackName?: string;
  region?: string;
  profile?: string;
  s3Bucket?: string;
  s3Prefix?: string;
  resolveS3?: boolean;
}

type SettingsFile = Record<string, DeploySettings>;

const fileOf = (stateRoot: string) => join(stateRoot, 'deploy.json');
/** Templates are keyed by their path relative to the workspace, so the file survives moving the folder. */
const keyOf = (workspace: string, templatePath: string) => relative(workspace, templatePath).split('\\').join('/') || templatePath;

export async function readDeploySettings(stateRoot: string, workspace: string, templatePath: string): Promise<DeploySettings> {
  const all = (await readJson<SettingsFile>(fileOf(stateRoot))) ?? {};
  return all[keyOf(workspace, templatePath)] ?? {};
}

/** Records `settings` for the template (undefined fields are left out). */
export async function rememberDeploySettings(stateRoot: string, workspace: string, templatePath: string, settings: DeploySettings): Promise<void> {
  const all = (await readJson<SettingsFile>(fileOf(stateRoot))) ?? {};
  all[keyOf(workspace, templatePath)] = JSON.parse(JSON.stringify(settings)) as DeploySettings;
  await writeJsonAtomic(fileOf(stateRoot), all);
}
