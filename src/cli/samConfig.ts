// cli: samconfig.toml / samconfig.yaml, as SAM CLI reads it: `[<env>.global.parameters]` then
// `[<env>.<command>.parameters]` (e.g. local_invoke) give option defaults; the command line wins over both.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'require' };
import { parse as parseYaml } from 'yaml';
import { WorkbenchError } from '../core/common/errors';

const DEFAULT_NAMES = ['samconfig.toml', 'samconfig.yaml', 'samconfig.yml'];

/** Our commands → SAM's command sections (later ones win). Commands not listed read the global section only. */
const SECTIONS: Record<string, readonly string[]> = {
  invoke: ['local_invoke'],
  start: ['local_start_api', 'local_start_lambda'],
  deploy: ['deploy'],
};

/** samconfig keys whose option has another name here, per section (`*`: every section). */
const KEY_ALIASES: Record<string, Record<string, string>> = {
  '*': { template_file: 'template' },
  // `sam local start-api --port` is the APIs' port; `start-lambda --port` the Lambda API's, as `start --port` is.
  local_start_api: { port: 'api_port' },
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function configError(file: string, what: string, pos?: { line: number; column: number }, cause?: unknown): WorkbenchError {
  const where = pos ? ` (${basename(file)}:${pos.line}:${pos.column})` : ` (${basename(file)})`;
  return new WorkbenchError('CONFIG_FILE', `${what}${where}: ${file}`, { file, line: pos?.line, column: pos?.column, cause });
}

/** The samconfig file for `cmd`: --config-file (relative to the current folder, must exist) or the first default. */
export function samConfigPath(cmd: Command, cwd: string): string | undefined {
  const given = cmd.getOptionValueSource('configFile') === 'cli' ? (cmd.getOptionValue('configFile') as string) : undefined;
  if (given !== undefined) {
    const file = resolve(cwd, given);
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new WorkbenchError('CONFIG_FILE', `Config file does not exist or cannot be read; check --config-file: ${file}`, { file });
    return file;
  }
  return DEFAULT_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
}

// smol-toml ships an ES module for `import` and CommonJS for `require` (ours): its types describe the former.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml = (): typeof SmolToml => require('smol-toml') as typeof SmolToml;

function readConfig(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  const { parse: parseToml, TomlError } = toml();
  try {
    const data: unknown = file.endsWith('.toml') ? parseToml(text) : parseYaml(text);
    if (!isRecord(data)) throw configError(file, 'samconfig must hold a table of environments ([default.global.parameters] …)');
    return data;
  } catch (e) {
    if (e instanceof WorkbenchError) throw e;
    // TOML's own message quotes the text around the error; only the position and the reason are said.
    if (e instanceof TomlError) throw configError(file, `samconfig is not valid TOML: ${e.message.split('\n')[0].replace(/^Invalid TOML document: /, '')}`, { line: e.line, column: e.column }, e);
    const pos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    throw configError(file, 'samconfig is not valid YAML', pos ? { line: pos.line, column: pos.col } : undefined, e);
  }
}

/** A samconfig value as commander would have parsed it from the command line. */
function optionValue(attr: string, value: unknown, current: unknown): unknown {
  if (attr === 'parameterOverrides' || Array.isArray(current)) return Array.isArray(value) ? value.map(String) : [String(value)];
  if (typeof value === 'boolean') return value;
  return String(value);
}

/**
 * Fills the options of `cmd` not given on the command line from the samconfig file, if there is one.
 * Keys of other commands' options (stack_name, s3_bucket…) are skipped, as SAM skips them.
 */
export function applySamConfig(cmd: Command, cwd: string): void {
  const file = samConfigPath(cmd, cwd);
  if (!file) return;
  const data = readConfig(file);
  const envName = String(cmd.getOptionValue('configEnv') ?? 'default');
  const env = data[envName];
  if (env === undefined) {
    if (cmd.getOptionValueSource('configEnv') === 'cli') throw configError(file, `samconfig has no environment "${envName}"; add [${envName}.global.parameters] or pick one of: ${Object.keys(data).filter((k) => k !== 'version').join(', ')}`);
    return;
  }
  if (!isRecord(env)) throw configError(file, `Environment "${envName}" of samconfig must be a table`);
  const merged: Record<string, unknown> = {};
  for (const section of ['global', ...(SECTIONS[cmd.name()] ?? [])]) {
    const params = (env[section] as Record<string, unknown> | undefined)?.parameters;
    if (!isRecord(params)) continue;
    for (const [key, value] of Object.entries(params)) merged[KEY_ALIASES[section]?.[key] ?? KEY_ALIASES['*'][key] ?? key] = value;
  }
  const known = new Set(cmd.options.map((o) => o.attributeName()));
  for (const [key, value] of Object.entries(merged)) {
    const attr = key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
    if (!known.has(attr) || attr === 'configFile' || attr === 'configEnv') continue;
    const source = cmd.getOptionValueSource(attr);
    if (source === 'cli' || source === 'env') continue;
    cmd.setOptionValueWithSource(attr, optionValue(attr, value, cmd.getOptionValue(attr)), 'config');
  }
}
