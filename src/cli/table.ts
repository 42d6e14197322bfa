// cli: plain aligned text tables for listings (the --json form prints the records themselves).
import type { CliOutput } from './cliOutput';

export function printTable(io: CliOutput, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) io.out(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
}
