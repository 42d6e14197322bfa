// Benchmark runner (npm run bench): runs every case of cases.ts in one process, prints a table of
// metric / value / unit / floor / ratio to the floor / target / PASS-MISS, and writes the metrics as JSON
// ({"<metric>": {"value": n, "unit": "..."}}) to bench-results.json at the repository root, with the
// machine's 1/5/15-minute load average at the start and the end of the run (load_average_start/_end).
//   node out/test/bench/run.js [--quick] [--out FILE] [--only case1,case2]
// Targets are informational: the exit code is 0 unless a case crashed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CASES, TARGETS, type BenchContext, type Metrics } from './cases';
import { killAllChildren } from './processes';
import { round } from './stats';

interface Args {
  quick: boolean;
  out: string;
  only?: Set<string>;
}

const repoRoot = path.resolve(__dirname, '../../..');

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, out: path.join(repoRoot, 'bench-results.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${a} needs a value`);
      return next;
    };
    if (a === '--quick') args.quick = true;
    else if (a === '--out') args.out = path.resolve(value());
    else if (a.startsWith('--out=')) args.out = path.resolve(a.slice('--out='.length));
    else if (a === '--only') args.only = new Set(value().split(','));
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`usage: node out/test/bench/run.js [--quick] [--out FILE] [--only ${CASES.map((c) => c.name).join(',')}]\n`);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (args.only) {
    const unknown = [...args.only].filter((n) => !CASES.some((c) => c.name === n));
    if (unknown.length) throw new Error(`unknown case(s) ${unknown.join(', ')}; known: ${CASES.map((c) => c.name).join(', ')}`);
  }
  return args;
}

function formatValue(value: number): string {
  const r = round(value);
  return Number.isFinite(r) ? String(r) : String(value);
}

function table(metrics: Metrics): string {
  const header = ['metric', 'value', 'unit', 'floor', 'ratio', 'target', 'status'];
  const rows = Object.entries(metrics).map(([key, m]) => {
    const t = TARGETS[key];
    const pass = t?.pass(m.value, metrics);
    const floor = t?.floor?.(metrics);
    const ratio = floor && floor.value > 0 ? m.value / floor.value : undefined;
    return [
      key,
      formatValue(m.value),
      m.unit,
      floor?.label ?? '-',
      ratio === undefined || !Number.isFinite(ratio) ? '-' : `${ratio.toFixed(2)}×`,
      t ? (typeof t.target === 'string' ? t.target : t.target(metrics)) : '-',
      pass === undefined ? '-' : pass ? 'PASS' : 'MISS',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The load average in the JSON: the 1-minute figure as the value, all three as `avg_1_5_15`. */
interface LoadAverage {
  value: number;
  unit: string;
  avg_1_5_15: number[];
}

function loadAverage(): LoadAverage {
  const avg = os.loadavg().map((x) => Number(x.toFixed(2)));
  return { value: avg[0], unit: 'load (1 min)', avg_1_5_15: avg };
}

const describeLoad = (l: LoadAverage): string => `${l.avg_1_5_15.join(' ')} (1/5/15 min, ${os.cpus().length} CPUs)`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const loadStart = loadAverage();
  const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'lwb-bench-'));
  const ctx: BenchContext = {
    quick: args.quick,
    repoRoot,
    fixtureDir: path.join(repoRoot, 'test', 'fixtures', 'bench'),
    tmpRoot,
    n: (full, quick) => (args.quick ? quick : full),
    log: (message) => process.stderr.write(`${message}\n`),
  };
  const metrics: Metrics = {};
  const failed: string[] = [];
  try {
    ctx.log(`bench: node ${process.version}, ${os.cpus().length} CPU(s), ${os.platform()}/${os.arch()}${args.quick ? ', --quick' : ''}`);
    ctx.log(`bench: load average at start ${describeLoad(loadStart)}`);
    for (const c of CASES) {
      if (args.only && !args.only.has(c.name)) continue;
      ctx.log(`bench: ${c.name}: ${c.description}`);
      const t0 = Date.now();
      try {
        const out = await c.run(ctx);
        for (const [key, m] of Object.entries(out)) metrics[key] = { value: round(m.value), unit: m.unit };
        ctx.log(`bench:   ${Object.entries(out).map(([k, m]) => `${k}=${formatValue(m.value)} ${m.unit}`).join(', ')} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed.push(c.name);
        ctx.log(`bench:   ${c.name} CRASHED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
  } finally {
    killAllChildren();
    rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 3 });
  }
  const loadEnd = loadAverage();
  process.stdout.write(`\nload average: start ${describeLoad(loadStart)}, end ${describeLoad(loadEnd)}\n`);
  process.stdout.write(`\n${table(metrics)}\n\n`);
  const json: Record<string, Metrics[string] | LoadAverage> = { ...metrics, load_average_start: loadStart, load_average_end: loadEnd };
  writeFileSync(args.out, `${JSON.stringify(json, null, 2)}\n`);
  const shown = path.relative(process.cwd(), args.out);
  process.stdout.write(`wrote ${shown && !shown.startsWith('..') ? shown : args.out}\n`);
  if (failed.length) {
    process.stderr.write(`bench: crashed: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    killAllChildren();
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
