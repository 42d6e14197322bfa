// core/deploy: the HTTP status of an AWS SDK v3 error (S3's HEAD answers carry no error body, only a status:
// 404 is "not there", 403 "not yours").
export function awsStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
