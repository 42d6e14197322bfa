// cli: the region and AWS credentials a SAM user expects. Region: --region, AWS_REGION, AWS_DEFAULT_REGION,
// the profile's region (~/.aws/config), us-east-1. Credentials (SAM CLI passes the user's to the container):
// the environment's unless --profile is given, else the profile's (static keys from the shared files; SSO,
// credential_process and roles through the AWS SDK's own provider), else placeholders; --no-aws-credentials
// always gives placeholders. Credentials are never logged: messages name profiles and files only.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { WorkbenchError } from '../core/common/errors';
import type { AwsCredentials } from '../core/runtime/environmentVariables';

export const DEFAULT_REGION = 'us-east-1';

export interface AwsChoice {
  /** --region, when given. */
  region?: string;
  /** --profile, when given (AWS_PROFILE is read here). */
  profile?: string;
  /** commander's --no-aws-credentials: false when given. */
  awsCredentials?: boolean;
}

type Section = Record<string, string | undefined>;

/** Keys that make a profile's credentials come from somewhere other than the file itself. */
const PROVIDED = ['role_arn', 'sso_session', 'sso_start_url', 'credential_process', 'web_identity_token_file', 'login_session'];

export class AwsProfile {
  private files: Promise<{ config: Section | undefined; credentials: Section | undefined }> | undefined;
  private resolved: Promise<AwsCredentials | null> | undefined;

  constructor(
    private readonly choice: AwsChoice,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  get profileName(): string {
    return this.choice.profile ?? this.env.AWS_PROFILE ?? 'default';
  }

  private sections(): Promise<{ config: Section | undefined; credentials: Section | undefined }> {
    if (this.files) return this.files;
    // Neither shared file there (a fresh machine, CI): no profile can be read, and the loader is not even loaded
    // (the one-shot invoke pays for every module it loads, issue 10).
    const home = homedir();
    const files = [this.env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'), this.env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials')];
    const load = files.some((f) => existsSync(f)) ? loadSharedConfigFiles({ ignoreCache: true }) : Promise.resolve({ configFile: {}, credentialsFile: {} } as Awaited<ReturnType<typeof loadSharedConfigFiles>>);
    this.files = load.then(({ configFile, credentialsFile }) => {
      const name = this.profileName;
      const found = { config: configFile[name] as Section | undefined, credentials: credentialsFile[name] as Section | undefined };
      // An explicit profile must exist; the default one may be absent (then: placeholders, us-east-1).
      if ((this.choice.profile !== undefined || this.env.AWS_PROFILE !== undefined) && !found.config && !found.credentials) {
        const known = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].filter((k) => !k.includes('.'));
        throw new WorkbenchError('PROFILE_NOT_FOUND', `AWS profile "${name}" is in neither ~/.aws/credentials nor ~/.aws/config (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE); profiles there: ${known.join(', ') || '(none)'}`);
      }
      return found;
    });
    return this.files;
  }

  /** --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1. */
  async region(): Promise<string> {
    const direct = this.choice.region ?? this.env.AWS_REGION ?? this.env.AWS_DEFAULT_REGION;
    if (direct) return direct;
    const { config } = await this.sections();
    return config?.region ?? DEFAULT_REGION;
  }

  /** The credentials functions get (null: placeholders), resolved once. */
  credentials(): Promise<AwsCredentials | null> {
    this.resolved ??= this.resolve();
    return this.resolved;
  }

  private async resolve(): Promise<AwsCredentials | null> {
    if (this.choice.awsCredentials === false) return null;
    const env = this.env;
    if (this.choice.profile === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
      return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN };
    }
    const { config, credentials } = await this.sections();
    const merged: Section = { ...config, ...credentials };
    if (merged.aws_access_key_id && merged.aws_secret_access_key) {
      return { accessKeyId: merged.aws_access_key_id, secretAccessKey: merged.aws_secret_access_key, sessionToken: merged.aws_session_token };
    }
    if (!PROVIDED.some((k) => merged[k] !== undefined)) return null;
    try {
      const { fromIni } = await import('@aws-sdk/credential-provider-ini');
      const c = await fromIni({ profile: this.profileName, ignoreCache: true })();
      return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
    } catch (e) {
      // The provider's message names the profile or the step (SSO login, role) that failed, never a key.
      this.warn(`The credentials of AWS profile "${this.profileName}" could not be resolved, so functions get placeholder credentials: ${(e as Error).message.split('\n')[0]}`);
      return null;
    }
  }
}
