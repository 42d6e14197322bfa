// core/pipeline: the local Deploy stage — the checked-out (and built) template loaded by the engine on the
// repository's own state directory, then deployed as a stack update would: each AutoPublishAlias function
// publishes a version from the checked-out code and moves its alias. PublishVersion returns the latest version
// unchanged when code and configuration did not change (lambda-semantics.md §6), so only changed functions
// get a new version.
import { basename } from 'node:path';
import { WorkbenchError } from '../common/errors';
import type { AutoPublishOutcome } from '../registry/templateDeployer';
import { LambdaService } from '../service';
import type { LambdaServiceOptions } from '../serviceOptions';

/** Engine settings the caller chooses (interpreters, region, parameter overrides…); the stage sets where. */
export type DeployEngineOptions = Omit<LambdaServiceOptions, 'cwd' | 'templatePath' | 'stateDir'>;

export interface DeployInput {
  /** The template inside the checked-out tree. */
  templatePath: string;
  /** The folder of the repository's own template: the stack keeps its name (AWS::StackName) across runs. */
  projectDir: string;
  /** The repository's state directory (not the temporary tree's). */
  stateDir: string;
  engine: DeployEngineOptions;
  onLine(text: string): void;
  onWarning(text: string): void;
}

export interface DeployOutcome {
  functions: AutoPublishOutcome[];
  /** Functions without AutoPublishAlias: only `$LATEST`, nothing to publish. */
  unversioned: string[];
}

/** One line per AutoPublishAlias function: "published version N, alias live → N" or "unchanged (version N)". */
export function describeDeployment(o: AutoPublishOutcome): string {
  if (!o.published) return `${o.logicalId}: unchanged (version ${o.version})`;
  const shift = o.deploymentType ? ` (${o.deploymentType}: traffic shifts on the engine clock)` : '';
  return `${o.logicalId}: published version ${o.version}, alias ${o.alias} → ${o.version}${shift}`;
}

export async function deployLocally(d: DeployInput): Promise<DeployOutcome> {
  const service = new LambdaService({
    ...d.engine,
    cwd: d.projectDir,
    templatePath: d.templatePath,
    stateDir: d.stateDir,
    parameterOverrides: { 'AWS::StackName': basename(d.projectDir), ...d.engine.parameterOverrides },
    persistLogs: false,
    history: false,
    origin: 'pipeline',
  });
  const warned = service.onWarning((w) => d.onWarning(w));
  try {
    const model = await service.template();
    if (model.broken.length) {
      const list = model.broken.map((b) => `"${b.logicalId}": ${b.error.message}`).join('; ');
      throw new WorkbenchError('TEMPLATE_INVALID', `The committed template has resources the engine cannot load, so nothing was deployed: ${list}`, { cause: model.broken[0].error });
    }
    const functions = await service.versions.deployTemplate();
    for (const f of functions) d.onLine(describeDeployment(f));
    const versioned = new Set(functions.map((f) => f.logicalId));
    const unversioned = model.functions.filter((f) => !versioned.has(f.logicalId)).map((f) => f.logicalId);
    for (const id of unversioned) d.onLine(`${id}: no AutoPublishAlias, $LATEST only (nothing to publish)`);
    return { functions, unversioned };
  } finally {
    await service.dispose();
    void warned.dispose();
  }
}
