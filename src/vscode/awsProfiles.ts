// vscode layer: the lambdaWorkbench.profile setting (and a launch configuration's `profile`) read as the CLI
// reads --profile (cli/awsProfile.ts): the profile's region for an engine made without one, and the
// credentials its functions get. Regions are read ahead (engines are made synchronously); never logged: keys.
import { AwsProfile } from '../cli/awsProfile';
import type { AwsCredentials } from '../core/runtime/environmentVariables';

export class AwsProfiles {
  private regions = new Map<string, string>();

  constructor(
    private readonly warn: (message: string) => void,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Reads the region of each named profile (once until `forget`): AWS_REGION / AWS_DEFAULT_REGION, else the profile's. */
  async prepare(names: readonly (string | undefined)[]): Promise<void> {
    const todo = [...new Set(names.filter((n): n is string => !!n && !this.regions.has(n)))];
    await Promise.all(
      todo.map((name) =>
        new AwsProfile({ profile: name }, this.env).region().then(
          (region) => void this.regions.set(name, region),
          // PROFILE_NOT_FOUND names the profiles there are; the functions' cold start reports it again.
          (e: unknown) => this.warn((e as Error).message),
        ),
      ),
    );
  }

  /** Regions are read again next time (the files may have changed; called on each refresh). */
  forget(): void {
    this.regions = new Map();
  }

  /** The profile's region as last read, if it was. */
  region(name: string): string | undefined {
    return this.regions.get(name);
  }

  /** The credentials an engine's functions get from the profile (resolved once per engine; null: placeholders). */
  credentials(name: string, region: string | undefined): () => Promise<AwsCredentials | null> {
    const profile = new AwsProfile({ profile: name, region }, this.env, this.warn);
    return () => profile.credentials();
  }
}
