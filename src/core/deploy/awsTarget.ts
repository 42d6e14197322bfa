// core/deploy: where a `deploy` or `sync` goes — region, profile, the user's credentials (the AWS SDK's own
// provider chain: environment, shared config, SSO, roles; never a credential of ours, never logged), optional
// per-service endpoints (another engine's Lambda API, an S3 server) and the one line the user confirms.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { profileIsExplicit, profileNameOf, readProfileSections, resolveRegion, type ProfileSections } from '../common/awsSharedConfig';
import { WorkbenchError } from '../common/errors';

/** The services a deploy or sync calls, each with an optional endpoint of its own (`--endpoint-url`). */
export interface AwsEndpoints {
  lambda?: string;
  s3?: string;
  cloudformation?: string;
}

export type AwsService = keyof AwsEndpoints;

export interface AwsTargetChoice {
  /** `--region`; else AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1. */
  region?: string;
  /** `--profile`; else AWS_PROFILE, else the SDK's default chain. */
  profile?: string;
  endpoints?: AwsEndpoints;
  /** The stack a deploy changes, named in the description. */
  stackName?: string;
}

/** What every AWS SDK v3 client of a deploy/sync is constructed with. */
export interface AwsClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
}

export interface AwsTarget {
  readonly region: string;
  /** The profile named by `--profile` or AWS_PROFILE, or undefined (the SDK's default chain). */
  readonly profile: string | undefined;
  readonly endpoints: Readonly<AwsEndpoints>;
  readonly stackName: string | undefined;
  /**
   * The account the credentials belong to: from the credentials, else STS GetCallerIdentity when the target is
   * AWS itself (no endpoint given); undefined when neither answers (the description names the profile instead).
   */
  readonly account: string | undefined;
  /** The client configuration for `service`, with its endpoint when one was given. */
  clientConfig(service: AwsService): AwsClientConfig;
  /** One line for the confirmation: "endpoint http://127.0.0.1:3001 (profile default), region us-east-1, stack X". */
  describe(): string;
}

/** Injected by tests and the VS Code layer; the default is `fromNodeProviderChain`. */
export type CredentialChain = (init: { profile?: string }) => AwsCredentialIdentityProvider;

export interface ResolveTargetOptions {
  env?: NodeJS.ProcessEnv;
  credentialChain?: CredentialChain;
  /** Who the credentials are (STS GetCallerIdentity); injected by tests, default the SDK's STS client. */
  callerAccount?: (config: AwsClientConfig) => Promise<string | undefined>;
}

/**
 * The account of `config`'s credentials, as `aws sts get-caller-identity` says (the SDK honours
 * AWS_ENDPOINT_URL_STS). Undefined when STS cannot be reached or refuses: the deploy's own calls then fail with
 * AWS's error, which says more than this lookup could.
 */
async function stsAccount(config: AwsClientConfig): Promise<string | undefined> {
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const sts = new STSClient({ ...config, maxAttempts: 1 });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(5000) })).Account;
  } catch {
    return undefined;
  } finally {
    sts.destroy();
  }
}

/** Checks that each endpoint is an http(s) URL; INVALID_PARAMETER names the bad one. */
function checkedEndpoints(endpoints: AwsEndpoints | undefined): AwsEndpoints {
  const out: AwsEndpoints = {};
  for (const [service, url] of Object.entries(endpoints ?? {}) as [AwsService, string | undefined][]) {
    if (url === undefined || url === '') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw new WorkbenchError('INVALID_PARAMETER', `The ${service} endpoint must be an http:// or https:// URL, got "${url}".`);
    }
    out[service] = url.replace(/\/+$/, '');
  }
  return out;
}

async function defaultChain(init: { profile?: string }): Promise<AwsCredentialIdentityProvider> {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  return fromNodeProviderChain(init);
}

/**
 * Resolves the target once, credentials included, so a missing profile or credential fails before anything is
 * asked or changed: CREDENTIALS_UNAVAILABLE carries the provider's message (which names steps and profiles,
 * never a key).
 */
export async function resolveAwsTarget(choice: AwsTargetChoice, options: ResolveTargetOptions = {}): Promise<AwsTarget> {
  const env = options.env ?? process.env;
  const endpoints = checkedEndpoints(choice.endpoints);
  const explicit = profileIsExplicit(choice.profile, env);
  const profile = explicit ? profileNameOf(choice.profile, env) : undefined;
  let sections: Promise<ProfileSections> | undefined;
  const readSections = () => (sections ??= readProfileSections(choice.profile, env));
  if (explicit) await readSections();
  const region = await resolveRegion(choice.region, env, readSections);
  const provider = options.credentialChain ? options.credentialChain(profile ? { profile } : {}) : await defaultChain(profile ? { profile } : {});
  let identity: AwsCredentialIdentity;
  try {
    identity = await provider();
  } catch (e) {
    const first = ((e as Error).message ?? String(e)).split('\n')[0];
    throw new WorkbenchError('CREDENTIALS_UNAVAILABLE', `No AWS credentials for ${profile ? `profile "${profile}"` : 'the default chain (environment, ~/.aws, SSO)'}: ${first}. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, pass --profile, or run "aws sso login".`, { cause: e });
  }
  const credentials: AwsCredentialIdentityProvider = async () => {
    // Refresh expiring session credentials through the chain (it memoizes); static ones are returned as they are.
    if (identity.expiration && identity.expiration.getTime() - Date.now() < 300_000) identity = await provider();
    return identity;
  };
  const stackName = choice.stackName;
  const toAws = Object.keys(endpoints).length === 0;
  const account = identity.accountId ?? (toAws ? await (options.callerAccount ?? stsAccount)({ region, credentials }) : undefined);
  return {
    region,
    profile,
    endpoints,
    stackName,
    account,
    clientConfig: (service) => ({ region, credentials, ...(endpoints[service] ? { endpoint: endpoints[service] } : {}) }),
    describe: () => describeTarget({ region, profile, endpoints, stackName, account }),
  };
}

/** The confirmation line; an endpoint replaces the account, since it is not AWS that will be changed. */
export function describeTarget(t: { region: string; profile: string | undefined; endpoints: AwsEndpoints; stackName?: string; account?: string }): string {
  const who = t.account ? `account ${t.account}` : `profile ${t.profile ?? 'default chain'}`;
  const urls = [...new Set(Object.values(t.endpoints).filter((u): u is string => !!u))];
  const where = urls.length > 0 ? `endpoint ${urls.join(', ')} (${who})` : who;
  return `${where}, region ${t.region}${t.stackName ? `, stack ${t.stackName}` : ''}`;
}
