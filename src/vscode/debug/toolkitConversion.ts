// vscode layer, vscode-free: turns the AWS Toolkit's `aws-sam` launch configurations (launch.json, JSONC)
// into `lambda` ones. A template target (invokeTarget.target "template") maps onto our attributes; the
// original stays, the new configuration goes right after it, comments and formatting of the rest are kept
// (jsonc-parser edits). API and code targets cannot be converted: they are reported with the reason.
import { applyEdits, modify, parse, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { DEBUG_TYPE, type LambdaLaunchConfig } from './debugConfig';

export const TOOLKIT_DEBUG_TYPE = 'aws-sam';

/** What a conversion did, configuration by configuration. */
export interface ConversionReport {
  /** The new launch.json text (the input when nothing was converted). */
  text: string;
  converted: { from: string; to: string; dropped: string[] }[];
  skipped: { name: string; reason: string }[];
}

/** The Toolkit's launch configuration, as far as we read it (its schema: awsSamDebugConfiguration). */
interface ToolkitConfig {
  type?: unknown;
  name?: unknown;
  invokeTarget?: { target?: unknown; templatePath?: unknown; logicalId?: unknown; lambdaHandler?: unknown };
  lambda?: { payload?: { json?: unknown; path?: unknown }; environmentVariables?: Record<string, unknown>; runtime?: unknown; memoryMb?: unknown; timeoutSec?: unknown; pathMappings?: unknown };
  sam?: { template?: { parameters?: Record<string, unknown> }; [k: string]: unknown };
  aws?: { credentials?: unknown; region?: unknown };
  api?: unknown;
}

/** Converts every `aws-sam` template configuration of a launch.json text. Throws on a launch.json that does not parse. */
export function convertToolkitLaunchJson(text: string): ConversionReport {
  const errors: ParseError[] = [];
  const root = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as { configurations?: unknown } | undefined;
  if (errors.length) {
    const e = errors[0];
    throw new Error(`launch.json does not parse: ${printParseErrorCode(e.error)} at offset ${e.offset}. Fix it, then convert again.`);
  }
  const configs = Array.isArray(root?.configurations) ? (root.configurations as unknown[]) : [];
  const names = new Set(configs.map((c) => (c && typeof c === 'object' ? String((c as { name?: unknown }).name ?? '') : '')));
  const report: ConversionReport = { text, converted: [], skipped: [] };
  const inserts: { after: number; config: LambdaLaunchConfig }[] = [];
  configs.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object' || (raw as ToolkitConfig).type !== TOOLKIT_DEBUG_TYPE) return;
    const c = raw as ToolkitConfig;
    const name = typeof c.name === 'string' && c.name ? c.name : `configuration ${i + 1}`;
    const out = convertOne(c, name);
    if ('reason' in out) {
      report.skipped.push({ name, reason: out.reason });
      return;
    }
    if (names.has(out.config.name)) {
      report.skipped.push({ name, reason: `already converted ("${out.config.name}" exists)` });
      return;
    }
    names.add(out.config.name);
    inserts.push({ after: i, config: out.config });
    report.converted.push({ from: name, to: out.config.name, dropped: out.dropped });
  });
  // From the last to the first, so the indices of those before stay right.
  const formatting = formattingOf(text);
  let next = text;
  for (const { after, config } of inserts.reverse()) {
    next = applyEdits(next, modify(next, ['configurations', after + 1], config, { isArrayInsertion: true, formattingOptions: formatting }));
  }
  report.text = next;
  return report;
}

function convertOne(c: ToolkitConfig, name: string): { config: LambdaLaunchConfig; dropped: string[] } | { reason: string } {
  const t = c.invokeTarget;
  const target = t?.target;
  if (target === 'api') return { reason: 'an API target (invokeTarget.target "api"): use Send Request on the route in the APIs view, or start the local API' };
  if (target === 'code') return { reason: 'a code target (invokeTarget.target "code", no template): add the function to a SAM template, then Debug it' };
  if (target !== 'template') return { reason: `invokeTarget.target is ${JSON.stringify(target)}, not "template"` };
  if (typeof t?.logicalId !== 'string' || !t.logicalId) return { reason: 'invokeTarget.logicalId is missing' };
  if (typeof t.templatePath !== 'string' || !t.templatePath) return { reason: 'invokeTarget.templatePath is missing' };
  const config: LambdaLaunchConfig = { type: DEBUG_TYPE, request: 'launch', name: `${name} (Lambda Workbench)`, function: t.logicalId, template: t.templatePath };
  const dropped: string[] = [];
  const payload = c.lambda?.payload;
  if (payload?.json !== undefined) config.event = payload.json as Record<string, unknown>;
  else if (typeof payload?.path === 'string') config.event = payload.path;
  const env = c.lambda?.environmentVariables;
  if (env && typeof env === 'object') config.env = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
  const params = c.sam?.template?.parameters;
  if (params && typeof params === 'object' && Object.keys(params).length) config.parameterOverrides = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  if (typeof c.aws?.region === 'string' && c.aws.region) config.region = c.aws.region;
  // The Toolkit's "profile:NAME" credentials are a profile here; other credential sources have no counterpart.
  const profile = typeof c.aws?.credentials === 'string' ? /^profile:(.+)$/.exec(c.aws.credentials)?.[1] : undefined;
  if (profile) config.profile = profile;
  // What has no counterpart: said, not silently lost.
  else if (c.aws?.credentials !== undefined) dropped.push('aws.credentials (functions get the credentials of your environment)');
  for (const k of ['runtime', 'memoryMb', 'timeoutSec'] as const) if (c.lambda?.[k] !== undefined) dropped.push(`lambda.${k} (the template's value is used)`);
  if (c.lambda?.pathMappings !== undefined) dropped.push('lambda.pathMappings (source paths are mapped automatically)');
  for (const k of Object.keys(c.sam ?? {})) if (k !== 'template') dropped.push(`sam.${k} (no container and no sam build step here)`);
  return { config, dropped };
}

/** Indentation like the file's own (its first indented line), LF or CRLF like the file. */
function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}
