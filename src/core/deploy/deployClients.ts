// core/deploy: the AWS SDK v3 clients of a deploy, built from the resolved target (region, credentials chain,
// endpoints): S3 path-style on a custom endpoint (s3rver, MinIO…), checksums only where S3 requires them.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsTarget } from './awsTarget';
import type { DeployClients } from './deployRun';

export function deployClients(target: AwsTarget): DeployClients {
  const s3 = target.clientConfig('s3');
  return {
    s3: new S3Client({ ...s3, forcePathStyle: !!s3.endpoint, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
    cloudformation: new CloudFormationClient(target.clientConfig('cloudformation')),
    region: target.region,
    account: target.account,
    s3Endpoint: s3.endpoint,
    identity: s3.endpoint ?? target.profile ?? 'default',
    describe: () => target.describe(),
  };
}

/** Closes the clients' sockets (keep-alive would hold a CLI process open). */
export function destroyClients(clients: DeployClients): void {
  clients.s3.destroy();
  clients.cloudformation.destroy();
}
