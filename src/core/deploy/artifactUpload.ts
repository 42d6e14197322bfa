// core/deploy: puts built ZIPs (and large templates) into S3 under content-addressed keys,
// `<prefix>/<sha256 hex>.zip`: the hex of the same digest Lambda reports base64-encoded as CodeSha256, so an
// object's name says which package it is. HeadObject first: an object already there is not uploaded again.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsError } from './awsErrors';
import { awsStatus } from './sdkStatus';

export interface S3Destination {
  bucket: string;
  /** Key prefix without slashes at either end; '' for the bucket's root. */
  prefix: string;
}

export interface UploadResult {
  bucket: string;
  key: string;
  /** False when an object with this key (hence these bytes) was already there. */
  uploaded: boolean;
}

/** `<prefix>/<name>` (or `<name>` without a prefix). */
export function keyFor(dest: S3Destination, name: string): string {
  const prefix = dest.prefix.replace(/^\/+|\/+$/g, '');
  return prefix ? `${prefix}/${name}` : name;
}

/** Hex SHA-256 of a base64 CodeSha256. */
export function hexOfCodeSha256(codeSha256: string): string {
  return Buffer.from(codeSha256, 'base64').toString('hex');
}

async function exists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (e) {
    if (awsStatus(e) === 404) return false;
    throw awsError(`HeadObject s3://${bucket}/${key}`, e);
  }
}

async function put(s3: S3Client, dest: S3Destination, name: string, body: Buffer, contentType: string): Promise<UploadResult> {
  const key = keyFor(dest, name);
  if (await exists(s3, dest.bucket, key)) return { bucket: dest.bucket, key, uploaded: false };
  try {
    await s3.send(new PutObjectCommand({ Bucket: dest.bucket, Key: key, Body: body, ContentType: contentType }));
  } catch (e) {
    throw awsError(`PutObject s3://${dest.bucket}/${key}`, e);
  }
  return { bucket: dest.bucket, key, uploaded: true };
}

/** Uploads a package ZIP as `<prefix>/<sha256 hex>.zip` unless it is there already. */
export async function uploadPackage(s3: S3Client, dest: S3Destination, zipPath: string, codeSha256: string): Promise<UploadResult> {
  return put(s3, dest, `${hexOfCodeSha256(codeSha256)}.zip`, await readFile(zipPath), 'application/zip');
}

/** Uploads a template body as `<prefix>/<sha256 hex>.template` (CloudFormation's TemplateURL, bodies > 51,200 bytes). */
export function uploadTemplate(s3: S3Client, dest: S3Destination, body: string): Promise<UploadResult> {
  const bytes = Buffer.from(body, 'utf8');
  return put(s3, dest, `${createHash('sha256').update(bytes).digest('hex')}.template`, bytes, 'text/plain');
}
