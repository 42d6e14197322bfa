// Test helper: signs a request with SigV4 using the AWS SDK's own signer (@smithy/signature-v4), so the function
// URL / AWS_IAM route tests send what an SDK or `aws` would send.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** The checksum interface the signer wants, over node:crypto (what @smithy/hash-node does). */
class Sha256 {
  private h: Hash | Hmac;
  private readonly secret: Buffer | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret = secret === undefined ? undefined : typeof secret === 'string' ? Buffer.from(secret) : ArrayBuffer.isView(secret) ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength) : Buffer.from(secret);
    this.h = this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
  }
  update(data: Uint8Array): void {
    this.h.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
  reset(): void {
    this.h = this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
  }
}

/** Headers (with Authorization, X-Amz-Date) for a GET of `url`, signed for `service`. */
export async function signedHeaders(url: string, service: string, accessKeyId = 'AKIDLOCALTEST'): Promise<Record<string, string>> {
  const u = new URL(url);
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'local-secret' }, sha256: Sha256 });
  const query: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (query[k] = v));
  const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: u.pathname, query, headers: { host: u.host } });
  return signed.headers as Record<string, string>;
}
