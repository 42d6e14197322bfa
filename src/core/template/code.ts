// core/template: turns CodeUri / Code / ContentUri / Content into a local CodeSource (folder, .zip or inline),
// rejecting S3 locations with a message that says what to use instead.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
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
    throw ctx.error('CODE_URI_NOT_FOUND', `${site.property} of ${site.owner} does not exist`, `Create it or fix the path (relative to the template folder): ${path}`, site.pos);
  }
  if (stat.isDirectory()) return { kind: 'directory', path };
  if (path.toLowerCase().endsWith('.zip')) return { kind: 'zip', path };
  throw ctx.error('TEMPLATE_INVALID', `${site.property} of ${site.owner} is a file but not a .zip`, `Point it at the code folder or a .zip archive instead of: ${path}`, site.pos);
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
