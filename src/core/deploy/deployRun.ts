// core/deploy: one `deploy`, front-door neutral (CLI and VS Code print the same lines): package every function
// and layer, upload the ZIPs by content hash, rewrite the code properties to the S3 objects, make the change set,
// show it, and — unless --no-execute or the user declines — execute it and follow the stack to the end.
import { readFile } from 'node:fs/promises';
import type { CloudFormationClient, Capability, Output } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import type { LambdaService } from '../service';
import type { ProgressListener } from '../packaging';
import { keysOf, parseTemplateDocument } from '../blueprints/templateEdit';
import { splitPseudoOverrides } from '../template/parameterOverrides';
import { buildArtifacts, codeArtifact } from './artifacts';
import { uploadPackage, uploadTemplate, type S3Destination } from './artifactUpload';
import { changeTable, createChangeSet, type Poller } from './changeSet';
import { rewriteCodeProperties } from './codeProperties';
import { resolveManagedBucket } from './managedBucket';
import { eventHeader, eventLine, executeAndFollow, outputsTable } from './stackEvents';

/** CloudFormation's limit of an inline TemplateBody; larger templates go through S3 (TemplateURL). */
export const TEMPLATE_BODY_LIMIT = 51_200;

export interface DeployClients {
  s3: S3Client;
  cloudformation: CloudFormationClient;
  region: string;
  account?: string;
  /** The S3 endpoint, when not AWS's (TemplateURL must point at it). */
  s3Endpoint?: string;
  /** Tells unknown accounts apart for the managed bucket's name (endpoint URL or profile). */
  identity: string;
  /** "account 1234…, region …, stack …": what the confirmation names. */
  describe(): string;
}

export interface DeployRequest {
  stackName: string;
  /** A bucket of the user's, or `resolve` for the managed one. */
  bucket: { name: string } | { resolve: true };
  s3Prefix: string;
  parameterOverrides: Record<string, string>;
  capabilities: readonly Capability[];
  noExecute: boolean;
}

export interface DeployUi {
  /** A line (or table) of the deploy's report; ends with a newline. */
  print(text: string): void;
  warn(message: string): void;
  /** Asked after the change set is shown; false leaves it unexecuted. */
  confirm(question: string): Promise<boolean>;
  poller: Poller;
  onProgress?(logicalId: string): ProgressListener | undefined;
  isStopped?(): boolean;
}

export type DeployOutcome =
  | { kind: 'no-changes'; reason: string }
  | { kind: 'change-set'; changeSetId: string; stackId: string; executed: false; declined: boolean }
  | { kind: 'deployed'; stackId: string; status: string; outputs: Output[] }
  | { kind: 'failed'; stackId: string; status: string; failed?: { logicalId: string; type: string; reason: string } };

/** `https://s3.<region>.amazonaws.com/<bucket>/<key>` as SAM writes it, or path style on a custom endpoint. */
export function templateUrl(clients: Pick<DeployClients, 'region' | 's3Endpoint'>, bucket: string, key: string): string {
  const base = clients.s3Endpoint ?? `https://s3.${clients.region}.amazonaws.com`;
  return `${base.replace(/\/+$/, '')}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

async function destination(clients: DeployClients, req: DeployRequest, ui: DeployUi): Promise<S3Destination> {
  if ('name' in req.bucket) return { bucket: req.bucket.name, prefix: req.s3Prefix };
  const { bucket, created } = await resolveManagedBucket(clients.s3, { region: clients.region, account: clients.account, identity: clients.identity });
  ui.print(`${created ? 'Created' : 'Using'} managed bucket ${bucket}\n`);
  return { bucket, prefix: req.s3Prefix };
}

/** Overrides CloudFormation gets: the template's own parameters, without pseudo parameters (AWS::Region…). */
function stackParameters(overrides: Record<string, string>, declared: readonly string[], ui: DeployUi): Record<string, string> {
  const { parameters } = splitPseudoOverrides(overrides);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parameters)) {
    if (declared.includes(k)) out[k] = v;
    else ui.warn(`--parameter-overrides ${k} is not a parameter of the template; not sent to CloudFormation.`);
  }
  return out;
}

export async function runDeploy(service: LambdaService, clients: DeployClients, req: DeployRequest, ui: DeployUi): Promise<DeployOutcome> {
  const model = await service.template();
  const artifacts = await buildArtifacts(service, { tolerateBroken: false, warn: ui.warn, onProgress: ui.onProgress, isStopped: ui.isStopped });
  const dest = await destination(clients, req, ui);
  const located = [];
  for (const a of artifacts) {
    const up = await uploadPackage(clients.s3, dest, a.zipPath, a.codeSha256);
    ui.print(`${up.uploaded ? 'Uploaded' : 'Already in S3'}: ${a.logicalId} → s3://${up.bucket}/${up.key} (CodeSha256 ${a.codeSha256})\n`);
    located.push(codeArtifact(a, { kind: 's3', bucket: up.bucket, key: up.key }));
  }
  const source = await readFile(model.templatePath, 'utf8');
  const { text: body } = rewriteCodeProperties(source, model.templatePath, located);
  const declared = keysOf(parseTemplateDocument(source, model.templatePath), 'Parameters');
  let template: { body: string } | { url: string } = { body };
  if (Buffer.byteLength(body) > TEMPLATE_BODY_LIMIT) {
    const up = await uploadTemplate(clients.s3, dest, body);
    template = { url: templateUrl(clients, up.bucket, up.key) };
    ui.print(`Template is over ${TEMPLATE_BODY_LIMIT} bytes; CloudFormation reads it from ${template.url}\n`);
  }
  const outcome = await createChangeSet(
    clients.cloudformation,
    {
      stackName: req.stackName,
      template,
      parameters: stackParameters(req.parameterOverrides, declared, ui),
      templateParameters: declared,
      capabilities: req.capabilities,
      changeSetName: `lambda-workbench-${Date.now()}`,
      description: `Created by Lambda Workbench from ${model.templatePath}`,
    },
    ui.poller,
  );
  if (outcome.kind === 'empty') {
    ui.print(`No changes to deploy. Stack ${req.stackName} is up to date (${outcome.reason})\n`);
    return { kind: 'no-changes', reason: outcome.reason };
  }
  ui.print(`\nCloudFormation change set (${outcome.type === 'CREATE' ? 'new stack' : 'update'}) ${outcome.changeSetId}\n${changeTable(outcome.changes)}`);
  if (req.noExecute) {
    ui.print(`--no-execute: the change set is left for review; execute it in the console or with aws cloudformation execute-change-set --change-set-name ${outcome.changeSetId}\n`);
    return { kind: 'change-set', changeSetId: outcome.changeSetId, stackId: outcome.stackId, executed: false, declined: false };
  }
  if (!(await ui.confirm(`Deploy this change set to ${clients.describe()}?`))) {
    ui.print('Not deployed: the change set is left unexecuted.\n');
    return { kind: 'change-set', changeSetId: outcome.changeSetId, stackId: outcome.stackId, executed: false, declined: true };
  }
  ui.print(`\nCloudFormation events from stack operations\n${eventHeader()}`);
  const result = await executeAndFollow(clients.cloudformation, outcome.changeSetId, outcome.stackId, { poller: ui.poller, onEvent: (e) => ui.print(eventLine(e)) });
  if (result.failed || !/^(CREATE|UPDATE|IMPORT)_COMPLETE$/.test(result.status)) {
    const what = result.failed ? `${result.failed.logicalId} (${result.failed.type}): ${result.failed.reason}` : 'no resource gave a reason';
    ui.print(`\nStack ${req.stackName} ended ${result.status}. Failed: ${what}\n`);
    return { kind: 'failed', stackId: outcome.stackId, status: result.status, failed: result.failed };
  }
  ui.print(`\nStack ${req.stackName} ${result.status}\n`);
  if (result.outputs.length) ui.print(`Outputs\n${outputsTable(result.outputs)}`);
  return { kind: 'deployed', stackId: outcome.stackId, status: result.status, outputs: result.outputs };
}

/** The console page of a stack. */
export function consoleUrl(region: string, stackId: string): string {
  return `https://${region}.console.aws.amazon.com/cloudformation/home?region=${region}#/stacks/stackinfo?stackId=${encodeURIComponent(stackId)}`;
}
