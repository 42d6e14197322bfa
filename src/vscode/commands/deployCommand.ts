// vscode layer: **Deploy to AWS…** (palette and template node). Asks for the profile (from the shared AWS
// files), region and stack name (remembered per template in workspace state), then runs core's deploy
// (core/deploy/deployRun.ts) in a progress notification with every line in the "Lambda" channel, asks a modal
// question naming account/endpoint, region and stack before executing, and links to the stack in the console.
import * as vscode from 'vscode';
import type { DeployOutcome } from '../../core/deploy/deployRun';
import { COMMANDS } from '../ids';
import { readSettings } from '../settings';
import type { LambdaNode } from '../tree/nodes';
import { guarded, type CommandDeps } from './targets';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1'];
const DEFAULT_CHAIN = '(default credential chain)';
const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]{0,127}$/;

/** What tests (and callers with answers already) pass instead of being asked. */
export interface DeployCommandOptions {
  /** A profile name, or null for the SDK's default chain; absent: asked. */
  profile?: string | null;
  region?: string;
  stackName?: string;
  /** S3 and CloudFormation endpoints instead of AWS's. */
  endpoints?: { s3?: string; cloudformation?: string };
  /** Answers the modal confirmation. */
  confirm?(question: string): Promise<boolean>;
  /** Poll interval (ms) for the change set and the stack; default 2000. */
  pollMs?: number;
}

interface Remembered {
  profile?: string;
  region?: string;
  stackName?: string;
}

const memoryKey = (templatePath: string) => `lambdaWorkbench.deploy:${templatePath}`;

/** Core's deploy and the AWS SDK load on first use: activation does not pay for them. */
async function deployModules() {
  const [target, profiles, changeSet, clients, run] = await Promise.all([
    import('../../core/deploy/awsTarget.js'),
    import('../../core/deploy/awsProfiles.js'),
    import('../../core/deploy/changeSet.js'),
    import('../../core/deploy/deployClients.js'),
    import('../../core/deploy/deployRun.js'),
  ]);
  return { ...target, ...profiles, ...changeSet, ...clients, ...run };
}

async function templateOf(deps: CommandDeps, arg: unknown): Promise<string | undefined> {
  const node = arg as LambdaNode | undefined;
  if (node && typeof node === 'object' && node.kind === 'template') return node.entry.uri.fsPath;
  const all = (await deps.services.templates()).filter((e) => e.model);
  if (all.length === 0) throw new Error('No template to deploy: add a SAM template (template.yaml) to the workspace.');
  if (all.length === 1) return all[0].uri.fsPath;
  const pick = await vscode.window.showQuickPick(all.map((e) => ({ label: vscode.workspace.asRelativePath(e.uri), path: e.uri.fsPath })), { title: 'Deploy which template?' });
  return pick?.path;
}

async function ask(listAwsProfiles: () => Promise<string[]>, previous: Remembered, o: DeployCommandOptions): Promise<Required<Pick<Remembered, 'region' | 'stackName'>> & { profile?: string } | undefined> {
  let profile = o.profile ?? undefined;
  if (!('profile' in o)) {
    const names = await listAwsProfiles();
    const items = [DEFAULT_CHAIN, ...names].map((label) => ({ label, picked: label === (previous.profile ?? (readSettings().profile || DEFAULT_CHAIN)) }));
    items.sort((a, b) => Number(b.picked) - Number(a.picked));
    const pick = await vscode.window.showQuickPick(items, { title: 'Deploy to AWS: profile (from ~/.aws/config and ~/.aws/credentials)' });
    if (!pick) return undefined;
    profile = pick.label === DEFAULT_CHAIN ? undefined : pick.label;
  }
  let region = o.region;
  if (region === undefined) {
    const first = previous.region || readSettings().region || 'us-east-1';
    const pick = await vscode.window.showQuickPick([first, ...REGIONS.filter((r) => r !== first)], { title: 'Deploy to AWS: region' });
    if (!pick) return undefined;
    region = pick;
  }
  let stackName = o.stackName;
  if (stackName === undefined) {
    stackName = await vscode.window.showInputBox({
      title: 'Deploy to AWS: CloudFormation stack name',
      value: previous.stackName,
      validateInput: (v) => (STACK_NAME.test(v) ? undefined : 'A stack name starts with a letter and has only letters, digits and hyphens (at most 128).'),
    });
    if (!stackName) return undefined;
  }
  return { profile, region, stackName };
}

function report(consoleUrl: (region: string, stackId: string) => string, outcome: DeployOutcome, stackName: string, region: string): void {
  const open = 'Open in Console';
  const link = async (shown: Thenable<string | undefined>, stackId: string) => {
    if ((await shown) === open) await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(region, stackId)));
  };
  if (outcome.kind === 'no-changes') void vscode.window.showInformationMessage(`Stack ${stackName} is up to date: no changes to deploy.`);
  else if (outcome.kind === 'change-set') void link(vscode.window.showInformationMessage(`Change set for stack ${stackName} created, not executed.`, open), outcome.stackId);
  else if (outcome.kind === 'deployed') void link(vscode.window.showInformationMessage(`Stack ${stackName}: ${outcome.status}.`, open), outcome.stackId);
  else {
    const why = outcome.failed ? ` ${outcome.failed.logicalId} (${outcome.failed.type}): ${outcome.failed.reason}` : '';
    void link(vscode.window.showErrorMessage(`Stack ${stackName} ended ${outcome.status}.${why}`, open), outcome.stackId);
  }
}

export function registerDeployCommand(deps: CommandDeps, memory: vscode.Memento): vscode.Disposable {
  const { logs } = deps;
  return vscode.commands.registerCommand(COMMANDS.deploy, guarded(logs, async (arg?: unknown, o: DeployCommandOptions = {}): Promise<DeployOutcome | undefined> => {
    const templatePath = await templateOf(deps, arg);
    if (!templatePath) return undefined;
    const { resolveAwsTarget, listAwsProfiles, DEFAULT_CAPABILITIES, deployClients, destroyClients, runDeploy, consoleUrl } = await deployModules();
    const previous = memory.get<Remembered>(memoryKey(templatePath)) ?? {};
    const answers = await ask(listAwsProfiles, previous, o);
    if (!answers) return undefined;
    const { profile, region, stackName } = answers;
    await memory.update(memoryKey(templatePath), { profile, region, stackName });
    const target = await resolveAwsTarget({ region, profile, endpoints: o.endpoints, stackName });
    const clients = deployClients(target);
    logs.show();
    logs.info(`Deploying ${templatePath} to ${target.describe()}`);
    const confirm = o.confirm ?? (async (q: string) => (await vscode.window.showWarningMessage(q, { modal: true, detail: 'The change set is in the "Lambda" output channel.' }, 'Deploy')) === 'Deploy');
    const wait = o.pollMs ?? 2000;
    const outcome = await vscode.window
      .withProgress({ location: vscode.ProgressLocation.Notification, title: `Deploying to stack ${stackName}` }, (progress) =>
        runDeploy(
          deps.services.serviceFor(templatePath),
          clients,
          { stackName, bucket: { resolve: true }, s3Prefix: stackName, parameterOverrides: readSettings().parameterOverrides, capabilities: DEFAULT_CAPABILITIES, noExecute: false },
          {
            print: (text) => {
              for (const line of text.replace(/\n$/, '').split('\n')) logs.info(line);
              const last = text.trim().split('\n').pop();
              if (last) progress.report({ message: last.slice(0, 120) });
            },
            warn: (m) => logs.warn(m),
            confirm,
            poller: { wait: () => new Promise((r) => setTimeout(r, wait)) },
          },
        ),
      )
      .then(
        (out) => (destroyClients(clients), out),
        (e: unknown) => {
          destroyClients(clients);
          throw e;
        },
      );
    report(consoleUrl, outcome, stackName, target.region);
    return outcome;
  }));
}
