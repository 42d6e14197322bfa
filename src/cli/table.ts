// cli: plain aligned text tables for listings (the --json form prints the records themselves).
import { alignedRows } from '../core/common/textTable';
import type { CliOutput } from './cliOutput';

export function printTable(io: CliOutput, header: string[], rows: string[][]): void {
  for (const line of alignedRows([header, ...rows], '  ')) io.out(line + '\n');
}
