// core/deploy: `--resolve-s3`, a bucket of our own for artifacts, like SAM CLI's managed bucket:
// `lambda-workbench-managed-<account>-<region>` (a short hash of the endpoint or profile when the account is
// not known), found with HeadBucket and created when missing. A name owned by someone else is an error.
import { createHash } from 'node:crypto';
import { CreateBucketCommand, HeadBucketCommand, type BucketLocationConstraint, type S3Client } from '@aws-sdk/client-s3';
import { WorkbenchError } from '../common/errors';
import { awsError } from './awsErrors';
import { awsStatus } from './sdkStatus';

export interface ManagedBucketSeed {
  region: string;
  account?: string;
  /** What tells one unknown account from another: the endpoint URL or the profile name. */
  identity: string;
}

/** The managed bucket's name (S3 names: lowercase, at most 63 characters). */
export function managedBucketName(seed: ManagedBucketSeed): string {
  const owner = seed.account ?? createHash('sha256').update(seed.identity).digest('hex').slice(0, 12);
  return `lambda-workbench-managed-${owner}-${seed.region}`.toLowerCase().slice(0, 63).replace(/-+$/, '');
}

/** The managed bucket's name, after making sure it exists; `created` says whether this call created it. */
export async function resolveManagedBucket(s3: S3Client, seed: ManagedBucketSeed): Promise<{ bucket: string; created: boolean }> {
  const bucket = managedBucketName(seed);
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return { bucket, created: false };
  } catch (e) {
    const status = awsStatus(e);
    if (status === 403) throw new WorkbenchError('DEPLOY_FAILED', `The managed bucket "${bucket}" exists but these credentials may not use it; pass --s3-bucket with a bucket of yours.`, { cause: e });
    if (status !== 404) throw awsError(`HeadBucket ${bucket}`, e);
  }
  try {
    // us-east-1 takes no LocationConstraint (S3 rejects "us-east-1" there).
    const configuration = seed.region === 'us-east-1' ? undefined : { LocationConstraint: seed.region as BucketLocationConstraint };
    await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: configuration }));
  } catch (e) {
    throw awsError(`CreateBucket ${bucket}`, e);
  }
  return { bucket, created: true };
}
