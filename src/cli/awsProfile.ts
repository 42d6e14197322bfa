// cli: the region and AWS credentials a SAM user expects. Region: --region, AWS_REGION, AWS_DEFAULT_REGION,
// the profile's region (~/.aws/config), us-east-1. Credentials (SAM CLI passes the user's to the container):
// the environment's unless --profile is given, else the profile's (static keys from the shared files; SSO,
// credential_process and roles through the AWS SDK's own provider), else placeholders; --no-aws-credentials
// always gives placeholders. Credentials are never logged: messages name profiles and files only.
import { profileNameOf, readProfileSections, resolveRegion, type ProfileSection, type ProfileSections } from '../core/common/awsSharedConfig';
import type { AwsCredentials } from '../core/runtime/environmentVariables';

export interface AwsChoice {
  /** --region, when given. */
  region?: string;
  /** --profile, when given (AWS_PROFILE is read here). */
  profile?: string;
  /** commander's --no-aws-credentials: false when given. */
  awsCredentials?: boolean;
}

type Section = ProfileSection;

/** Keys that make a profile's credentials come from somewhere other than the file itself. */
const PROVIDED = ['role_arn', 'sso_session', 'sso_start_url', 'credential_process', 'web_identity_token_file', 'login_session'];

export class AwsProfile {
  private files: Promise<ProfileSections> | undefined;
  private resolved: Promise<AwsCredentials | null> | undefined;

  constructor(
    private readonly choice: AwsChoice,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  get profileName(): string {
    return profileNameOf(this.choice.profile, this.env);
  }

  private sections(): Promise<ProfileSections> {
    this.files ??= readProfileSections(this.choice.profile, this.env);
    return this.files;
  }

  /** --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1. */
  region(): Promise<string> {
    return resolveRegion(this.choice.region, this.env, () => this.sections());
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
