// core/common: the AWS shared config files (~/.aws/config, ~/.aws/credentials) as the AWS CLI and SDKs read
// them — which profile is meant, that profile's sections, and the region a command uses. Shared by the CLI's
// local credentials (cli/awsProfile.ts) and the deploy/sync target (core/deploy/awsTarget.ts).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { DEFAULT_REGION } from '../model/arn';
import { WorkbenchError } from './errors';

export type ProfileSection = Record<string, string | undefined>;

export interface ProfileSections {
  config: ProfileSection | undefined;
  credentials: ProfileSection | undefined;
}

/** The profile meant: `--profile`, then AWS_PROFILE, then `default`. */
export function profileNameOf(profile: string | undefined, env: NodeJS.ProcessEnv): string {
  return profile ?? env.AWS_PROFILE ?? 'default';
}

/** Whether the user named a profile (`--profile` or AWS_PROFILE), rather than falling back to `default`. */
export function profileIsExplicit(profile: string | undefined, env: NodeJS.ProcessEnv): boolean {
  return profile !== undefined || env.AWS_PROFILE !== undefined;
}

/**
 * The profile's sections of both shared files. An explicit profile must exist (PROFILE_NOT_FOUND names the
 * profiles there); the default one may be absent. Only names are ever put in messages, never a key.
 */
export async function readProfileSections(profile: string | undefined, env: NodeJS.ProcessEnv): Promise<ProfileSections> {
  // Neither shared file there (a fresh machine, CI): no profile can be read, and the loader is not even loaded
  // (the one-shot invoke pays for every module it loads, issue 10).
  const home = homedir();
  const files = [env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'), env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials')];
  const { configFile, credentialsFile } = files.some((f) => existsSync(f)) ? await loadSharedConfigFiles({ ignoreCache: true }) : { configFile: {}, credentialsFile: {} };
  const name = profileNameOf(profile, env);
  const found = { config: configFile[name] as ProfileSection | undefined, credentials: credentialsFile[name] as ProfileSection | undefined };
  if (profileIsExplicit(profile, env) && !found.config && !found.credentials) {
    const known = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].filter((k) => !k.includes('.'));
    throw new WorkbenchError('PROFILE_NOT_FOUND', `AWS profile "${name}" is in neither ~/.aws/credentials nor ~/.aws/config (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE); profiles there: ${known.join(', ') || '(none)'}`);
  }
  return found;
}

/** `--region`, AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1. The files are read only when needed. */
export async function resolveRegion(region: string | undefined, env: NodeJS.ProcessEnv, sections: () => Promise<ProfileSections>): Promise<string> {
  const direct = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (direct) return direct;
  const { config } = await sections();
  return config?.region ?? DEFAULT_REGION;
}
