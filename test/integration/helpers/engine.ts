// Test helpers: a LambdaService over a fixture template with a throwaway state directory, and log capture.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LogEvent } from '../../../src/core/logs/logStore';
import { LambdaService, type LambdaServiceOptions } from '../../../src/core/service';
import { tempDir } from '../../helpers/tempDirs';

export const repoRoot = resolve(__dirname, '../../../..');
export const fixtures = join(repoRoot, 'test', 'fixtures');

export interface TestEngine {
  service: LambdaService;
  logs: LogEvent[];
  warnings: string[];
  stateDir: string;
  /** Log messages of one request, in order. */
  linesOf(requestId: string): string[];
  dispose(): Promise<void>;
}

export function startEngine(templateDir = join(fixtures, 'engine'), extra: Partial<LambdaServiceOptions> = {}): TestEngine {
  const stateDir = tempDir('lwb-test-'); // removed by dispose(), or at the end of the file if a test never gets there
  const service = new LambdaService({ cwd: templateDir, stateDir, runtimesDir: join(repoRoot, 'dist', 'runtimes'), ...extra });
  const logs: LogEvent[] = [];
  const warnings: string[] = [];
  service.onLog((e) => logs.push(e));
  service.onWarning((w) => warnings.push(w));
  return {
    service,
    logs,
    warnings,
    stateDir,
    linesOf: (id) => logs.filter((l) => l.requestId === id).map((l) => l.message),
    dispose: async () => {
      try {
        await service.dispose();
      } finally {
        rmSync(stateDir, { recursive: true, force: true });
      }
    },
  };
}

export function json(buf: Buffer): any {
  return JSON.parse(buf.toString('utf8'));
}

export { isAlive } from './processes';

export async function waitFor(cond: () => boolean, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return cond();
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
