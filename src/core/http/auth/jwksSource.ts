// core/http/auth: the key set JWT authorizers verify signatures with: LAMBDA_WORKBENCH_JWKS names a JWKS file
// (relative to the template's folder) or a URL on 127.0.0.1/localhost. Without it, signatures are not checked.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { loadJose, type Jose } from './joseModule';

type JWTVerifyGetKey = ReturnType<Jose['createLocalJWKSet']> | ReturnType<Jose['createRemoteJWKSet']>;

export const JWKS_ENV = 'LAMBDA_WORKBENCH_JWKS';

export type KeySetResult = { keys: JWTVerifyGetKey } | { none: true } | { error: string };

export class JwksSource {
  private file: { path: string; mtimeMs: number; keys: JWTVerifyGetKey } | undefined;
  private remote: { url: string; keys: JWTVerifyGetKey } | undefined;

  constructor(private readonly templateDir: () => string) {}

  async get(): Promise<KeySetResult> {
    const jose = await loadJose();
    const setting = process.env[JWKS_ENV]?.trim();
    if (!setting) return { none: true };
    if (/^https?:\/\//i.test(setting)) return this.fromUrl(setting, jose);
    return this.fromFile(isAbsolute(setting) ? setting : join(this.templateDir(), setting), jose);
  }

  private fromUrl(url: string, jose: Jose): KeySetResult {
    const host = new URL(url).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return { error: `${JWKS_ENV} must be a file or a URL on 127.0.0.1 (got host "${host}"); keys are not fetched from elsewhere` };
    const remote = this.remote?.url === url ? this.remote : { url, keys: jose.createRemoteJWKSet(new URL(url)) };
    this.remote = remote;
    return { keys: remote.keys };
  }

  private fromFile(path: string, jose: Jose): KeySetResult {
    try {
      const mtimeMs = statSync(path).mtimeMs;
      if (this.file?.path === path && this.file.mtimeMs === mtimeMs) return { keys: this.file.keys };
      const keys = jose.createLocalJWKSet(JSON.parse(readFileSync(path, 'utf8')) as Parameters<Jose['createLocalJWKSet']>[0]);
      this.file = { path, mtimeMs, keys };
      return { keys };
    } catch (e) {
      return { error: `${JWKS_ENV} names ${path}, which is not a readable JWKS file (${(e as Error).message}); write {"keys": [...]} there` };
    }
  }
}
