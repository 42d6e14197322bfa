// core/template: turns CodeUri / Code / ContentUri / Content into a local CodeSource (folder, .zip or inline),
// rejecting S3 locations with a message that says what to use instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { CodeSource } from '../model/functionConfig';
import { isRecord, type TemplateContext } from './context';
import type { SourcePos } from './parse';

export interface CodeSite {
  /** e.g. `function "HelloFunction"`. */
  owner: string;
  /** The property being read, e.g. CodeUri. */
  property: string;
  pos?: SourcePos;
  templateDir: string;
}

function s3Error(ctx: TemplateContext, site: CodeSite, detail: string): Error {
  return ctx.error(
    'TEMPLATE_INVALID',
    `${site.property} of ${site.owner} points at Amazon S3`,
    `Only local code is supported: set ${site.property} to a folder or .zip path relative to the template, instead of: ${detail}`,
    site.pos,
  );
}

/** A local path (folder or .zip) relative to the template folder. */
export function localPath(ctx: TemplateContext, value: unknown, site: CodeSite): CodeSource {
  if (isRecord(value)) {
    const bucket = value.Bucket ?? value.S3Bucket;
    const key = value.Key ?? value.S3Key;
    throw s3Error(ctx, site, `s3://${String(bucket)}/${String(key)}`);
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw ctx.error('TEMPLATE_INVALID', `${site.property} of ${site.owner} must be a path`, 'Set it to a folder or .zip relative to the template', site.pos);
  }
  if (/^s3:\/\//i.test(value)) throw s3Error(ctx, site, value);
  const path = resolve(site.templateDir, value);
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(path);
  } catch {
    stat = undefined;
  }
  if (!stat) {
    const other = sameButCase(site.templateDir, value);
    if (other !== undefined) {
      // Lambda runs on Linux: a package built from a case-insensitive disk (macOS, Windows) fails there.
      throw ctx.error('CODE_URI_NOT_FOUND', `${site.property} of ${site.owner} does not exist: ${path}`, `Lambda's file system is case-sensitive; did you mean ${other}?`, site.pos);
    }
    throw ctx.error('CODE_URI_NOT_FOUND', `${site.property} of ${site.owner} does not exist`, `Create it or fix the path (relative to the template folder): ${path}`, site.pos);
  }
  if (stat.isDirectory()) return { kind: 'directory', path };
  if (path.toLowerCase().endsWith('.zip')) return { kind: 'zip', path };
  throw ctx.error('TEMPLATE_INVALID', `${site.property} of ${site.owner} is a file but not a .zip`, `Point it at the code folder or a .zip archive instead of: ${path}`, site.pos);
}

/**
 * `value` (relative to `base`) spelled with the case of what exists on disk, when it differs only in case
 * (each missing segment matched case-insensitively against its folder's entries); folders end with '/'.
 */
export function sameButCase(base: string, value: string): string | undefined {
  const parts = value.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  let dir = isAbsolute(value) ? '/' : base;
  const out: string[] = [];
  let changed = false;
  for (const part of parts) {
    let next = part;
    if (part !== '..' && !existsSync(join(dir, part))) {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return undefined;
      }
      const match = entries.find((e) => e.toLowerCase() === part.toLowerCase());
      if (match === undefined) return undefined;
      next = match;
      changed = true;
    }
    out.push(next);
    dir = join(dir, next);
  }
  if (!changed) return undefined;
  const folder = statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
  return `${isAbsolute(value) ? '/' : ''}${out.join('/')}${folder ? '/' : ''}`;
}

/** CloudFormation Code / Content: a local path string, { ZipFile } inline source, or S3 (rejected). */
export function cfnCode(ctx: TemplateContext, value: unknown, site: CodeSite, allowInline: boolean): CodeSource {
  if (typeof value === 'string') return localPath(ctx, value, site);
  if (isRecord(value)) {
    if (allowInline && typeof value.ZipFile === 'string') return { kind: 'inline', source: value.ZipFile };
    if (value.ImageUri !== undefined) {
      throw ctx.error('TEMPLATE_INVALID', `${site.owner.charAt(0).toUpperCase()}${site.owner.slice(1)} uses a container image`, 'Container images are not supported; use a Zip package with a Runtime and Handler', site.pos);
    }
    if (value.S3Bucket !== undefined || value.S3Key !== undefined) return localPath(ctx, value, site);
  }
  throw ctx.error('TEMPLATE_INVALID', `${site.property} of ${site.owner} is missing or not understood`, `Set ${site.property} to a local path${allowInline ? ' or { ZipFile: <source> }' : ''}`, site.pos);
}

/**
 * CDK output (cdk.out/*.template.json): the code of a function or layer is an S3 location for the deploy, and
 * its `Metadata` names the local asset folder (`aws:asset:path`, relative to cdk.out) and the property it
 * stands for (`aws:asset:property`), which SAM CLI reads too.
 */
export function cdkAssetPath(metadata: unknown, property: string): string | undefined {
  if (!isRecord(metadata) || typeof metadata['aws:asset:path'] !== 'string') return undefined;
  const prop = metadata['aws:asset:property'];
  return prop === undefined || prop === property ? metadata['aws:asset:path'] : undefined;
}
