// vscode layer: the node types of the Lambda trees and how each renders as a TreeItem. Nodes carry the
// model objects so commands invoked from a tree get everything they need.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BrokenResource, FunctionConfig, LayerConfig, LayerRef as TemplateLayerRef } from '../../core/model/functionConfig';
import type { LayerVersionRecord } from '../../core/registry/layerStore';
import { TREE_ITEMS } from '../ids';
import type { TemplateEntry } from '../workspaceServices';
import { asyncTreeItem, type AsyncNode } from '../async/asyncNodes';
import { layerVersionTooltip } from './layerVersionTooltip';
import { mappingTreeItem, type MappingNode } from '../mappings/mappingNodes';
import { versionTreeItem, type VersionNode } from './versionNodes';

export type LambdaNode =
  | { kind: 'template'; entry: TemplateEntry; label: string }
  | { kind: 'function'; templatePath: string; fn: FunctionConfig }
  | { kind: 'layerRef'; templatePath: string; fn: FunctionConfig; ref: TemplateLayerRef }
  | { kind: 'layer'; templatePath: string; layer: LayerConfig }
  | { kind: 'layerVersion'; templatePath: string; record: LayerVersionRecord }
  | { kind: 'layerEntry'; templatePath: string; path: string; isDirectory: boolean }
  | { kind: 'problem'; templatePath: string; message: string }
  | VersionNode
  /** A function's async queue, its queued events and its destinations (issue 15). */
  | AsyncNode
  /** One of a function's event source mappings (issue 16). */
  | MappingNode
  /** A function the template could not resolve (issue 11): shown with an error icon and its message. */
  | { kind: 'brokenFunction'; templatePath: string; broken: BrokenResource };

/** "nodejs20.x · 128 MB · 3 s", the one-line summary shown next to a function. */
export function describeFunction(fn: FunctionConfig): string {
  return `${fn.runtime} · ${fn.memorySize} MB · ${fn.timeout} s`;
}

export function toTreeItem(node: LambdaNode): vscode.TreeItem {
  switch (node.kind) {
    case 'template': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.contextValue = TREE_ITEMS.template;
      item.iconPath = new vscode.ThemeIcon('file-code');
      item.resourceUri = node.entry.uri;
      item.tooltip = node.entry.uri.fsPath;
      item.description = node.entry.model ? `${node.entry.model.functions.length} functions` : undefined;
      return item;
    }
    case 'function': {
      const { fn } = node;
      // Collapsible also without layers: its published versions and aliases are children too.
      const item = new vscode.TreeItem(fn.logicalId, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `fn:${node.templatePath}#${fn.logicalId}`;
      item.contextValue = TREE_ITEMS.function;
      item.iconPath = new vscode.ThemeIcon('symbol-function');
      item.description = describeFunction(fn);
      item.tooltip = functionTooltip(fn);
      return item;
    }
    case 'layerRef': {
      const label = node.ref.kind === 'logical' ? node.ref.logicalId : node.ref.arn.split(':').slice(-2).join(':');
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
      item.contextValue = TREE_ITEMS.layerRef;
      item.iconPath = new vscode.ThemeIcon('layers');
      item.description = node.ref.kind === 'logical' ? 'layer' : 'layer ARN';
      item.tooltip = node.ref.kind === 'arn' ? node.ref.arn : undefined;
      return item;
    }
    case 'layer': {
      const { layer } = node;
      const item = new vscode.TreeItem(layer.logicalId, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `layer:${node.templatePath}#${layer.logicalId}`;
      item.contextValue = TREE_ITEMS.layer;
      item.iconPath = new vscode.ThemeIcon('layers');
      item.description = layer.compatibleRuntimes.join(', ') || (layer.layerName !== layer.logicalId ? layer.layerName : undefined);
      item.tooltip = new vscode.MarkdownString(`**${layer.layerName}**\n\n${layer.description ?? ''}\n\n${path.basename(layer.templatePath)}`);
      return item;
    }
    case 'layerVersion': {
      const { record } = node;
      const item = new vscode.TreeItem(`${record.layerName}:${record.version}`, vscode.TreeItemCollapsibleState.None);
      item.id = `layerVersion:${record.layerVersionArn}`;
      item.contextValue = TREE_ITEMS.layerVersion;
      item.iconPath = new vscode.ThemeIcon('versions');
      item.description = `published · ${(record.codeSize / 1024).toFixed(1)} KB · ${record.createdDate.slice(0, 16).replace('T', ' ')}`;
      item.tooltip = layerVersionTooltip(record);
      return item;
    }
    case 'layerEntry': {
      const uri = vscode.Uri.file(node.path);
      const item = new vscode.TreeItem(uri, node.isDirectory ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.iconPath = node.isDirectory ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
      if (!node.isDirectory) item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
      return item;
    }
    case 'version':
    case 'alias':
      return versionTreeItem(node);
    case 'asyncQueue':
    case 'asyncEvent':
    case 'asyncTarget':
      return asyncTreeItem(node);
    case 'mapping':
      return mappingTreeItem(node);
    case 'brokenFunction': {
      const { broken } = node;
      const item = new vscode.TreeItem(broken.logicalId, vscode.TreeItemCollapsibleState.None);
      item.id = `broken:${node.templatePath}#${broken.logicalId}`;
      item.contextValue = TREE_ITEMS.problem;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      item.description = `broken · ${broken.error.code}`;
      item.tooltip = broken.error.message;
      const line = Math.max(0, (broken.error.line ?? broken.templateLine ?? 1) - 1);
      const column = Math.max(0, (broken.error.column ?? 1) - 1);
      const at = new vscode.Range(line, column, line, column);
      item.command = { command: 'vscode.open', title: 'Open Template', arguments: [vscode.Uri.file(broken.error.file ?? broken.templatePath), { selection: at }] };
      return item;
    }
    case 'problem': {
      const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
      item.contextValue = TREE_ITEMS.problem;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      item.tooltip = `${node.templatePath}\n${node.message}`;
      return item;
    }
  }
}

function functionTooltip(fn: FunctionConfig): vscode.MarkdownString {
  const rows = [
    `**${fn.functionName}** (${fn.resourceType})`,
    '',
    `| | |`,
    `|---|---|`,
    `| Runtime | ${fn.runtime} |`,
    `| Handler | ${fn.handler ?? '—'} |`,
    `| Memory | ${fn.memorySize} MB |`,
    `| Timeout | ${fn.timeout} s |`,
    `| Architecture | ${fn.architectures.join(', ')} |`,
    `| Layers | ${fn.layers.length} |`,
  ];
  if (fn.description) rows.splice(1, 0, '', fn.description);
  return new vscode.MarkdownString(rows.join('\n'));
}
