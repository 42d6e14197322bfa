// Test helper, run as its own process with --expose-gc: N warm invokes of a trivial function on one engine,
// printing the engine's heap (after a full GC) at each checkpoint as JSON: the leak check of issue 9, item 8.
import { join, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { LambdaService } from '../../../src/core/service';

// Not from ./engine: that module registers node:test hooks, and this process is no test.
const repoRoot = resolve(__dirname, '../../../..');
const fixtures = join(repoRoot, 'test', 'fixtures');

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 100_000);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const stateDir = mkdtempSync(join(tmpdir(), 'lwb-heap-'));
  const service = new LambdaService({ cwd: join(fixtures, 'engine'), stateDir, runtimesDir: join(repoRoot, 'dist', 'runtimes'), persistLogs: false });
  const samples: { invokes: number; heapKb: number }[] = [];
  const payload = Buffer.from('{}');
  try {
    for (let i = 1; i <= total; i++) {
      await service.invoke('Cjs', payload);
      if (i === 1000 || i % 10_000 === 0) {
        gc();
        samples.push({ invokes: i, heapKb: Math.round(process.memoryUsage().heapUsed / 1024) });
      }
    }
  } finally {
    await service.dispose();
    rmSync(stateDir, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(samples) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(String(e) + '\n');
  process.exit(1);
});
