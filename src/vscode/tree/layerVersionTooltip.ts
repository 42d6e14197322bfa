// vscode layer: how a published layer version describes itself in the Layers view's tooltip.
import * as vscode from 'vscode';
import type { LayerVersionRecord } from '../../core/registry/layerStore';

/** The tooltip of a published layer version: ARN, runtimes, architectures, size, created, CodeSha256. */
export function layerVersionTooltip(r: LayerVersionRecord): vscode.MarkdownString {
  const size = r.codeSize < 1024 * 1024 ? `${(r.codeSize / 1024).toFixed(1)} KB` : `${(r.codeSize / 1024 / 1024).toFixed(2)} MB`;
  const rows = [
    `**${r.layerName}** version ${r.version}${r.description ? ` — ${r.description}` : ''}`,
    '',
    '| | |',
    '|---|---|',
    `| ARN | \`${r.layerVersionArn}\` |`,
    `| Runtimes | ${r.compatibleRuntimes.join(', ') || 'any'} |`,
    `| Architectures | ${r.compatibleArchitectures.join(', ') || 'any'} |`,
    `| Size | ${size} (ZIP) |`,
    `| Created | ${r.createdDate} |`,
    `| CodeSha256 | \`${r.codeSha256}\` |`,
  ];
  return new vscode.MarkdownString(rows.join('\n'));
}
