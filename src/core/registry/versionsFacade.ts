// core/registry: the versions and aliases the service offers (LambdaService.versions), each call waiting for
// the template first. Thin: the logic lives in versioning.ts and its managers.
import type { AliasConfiguration, CreateAliasInput, FunctionConfiguration, PublishVersionInput, UpdateAliasInput } from '../model/versions';
import type { AutoPublishOutcome } from './templateDeployer';
import type { Versioning } from './versioning';

export class VersionsFacade {
  /** `loaded` resolves to the versioning once the template is loaded. */
  constructor(private readonly loaded: () => Promise<Versioning>) {}

  /**
   * Deploys the template's versioning as a stack update would (AutoPublishAlias, AWS::Lambda::Version and
   * ::Alias; otherwise done on first need): per AutoPublishAlias function, the version its alias got.
   */
  async deployTemplate(): Promise<AutoPublishOutcome[]> {
    return (await this.loaded()).deployTemplate();
  }

  /** Publishes `$LATEST` as a new immutable version (or returns the latest when nothing changed, §6). */
  async publishVersion(functionName: string, input?: PublishVersionInput): Promise<FunctionConfiguration> {
    return (await this.loaded()).publishVersion(functionName, input);
  }

  /** `$LATEST` (unless `includeLatest: false`), then every published version, oldest first (ListVersionsByFunction). */
  async listVersions(functionName: string, options: { includeLatest?: boolean } = {}): Promise<FunctionConfiguration[]> {
    return (await this.loaded()).listVersions(functionName, options.includeLatest ?? true);
  }

  /** The configuration of `$LATEST`, a version, or the version an alias points to (GetFunctionConfiguration). */
  async getFunctionConfiguration(functionName: string, qualifier?: string): Promise<FunctionConfiguration> {
    return (await this.loaded()).getFunctionConfiguration(functionName, qualifier);
  }

  /** One published version (or `$LATEST`). */
  async getVersion(functionName: string, version: string): Promise<FunctionConfiguration> {
    return (await this.loaded()).getVersion(functionName, version);
  }

  /** The package ZIP of a published version, or of the version an alias points to (GetFunction's Code.Location). */
  async versionZipPath(functionName: string, qualifier: string): Promise<string> {
    return (await this.loaded()).versionZipPath(functionName, qualifier);
  }

  /** Deletes a published version; its number is never given again. Refused while an alias uses it. */
  async deleteVersion(functionName: string, version: string): Promise<void> {
    return (await this.loaded()).deleteVersion(functionName, version);
  }

  async createAlias(functionName: string, input: CreateAliasInput): Promise<AliasConfiguration> {
    return (await this.loaded()).createAlias(functionName, input);
  }

  async getAlias(functionName: string, name: string): Promise<AliasConfiguration> {
    return (await this.loaded()).getAlias(functionName, name);
  }

  async updateAlias(functionName: string, name: string, input: UpdateAliasInput): Promise<AliasConfiguration> {
    return (await this.loaded()).updateAlias(functionName, name, input);
  }

  async deleteAlias(functionName: string, name: string): Promise<void> {
    return (await this.loaded()).deleteAlias(functionName, name);
  }

  /** Aliases by name; with `functionVersion`, only those that point or route to it. */
  async listAliases(functionName: string, options: { functionVersion?: string } = {}): Promise<AliasConfiguration[]> {
    return (await this.loaded()).listAliases(functionName, options.functionVersion);
  }

  /** Forgets every version and alias of a deleted function (DeleteFunction without a qualifier). */
  async deleteAllVersions(functionName: string): Promise<void> {
    return (await this.loaded()).forgetFunction(functionName);
  }
}
