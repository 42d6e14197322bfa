// cli: progress for long work on stderr — a redrawn bar on a terminal, one line per phase otherwise.
import type { Progress } from '../core/packaging';
import type { CliOutput } from './cliOutput';

export function progressReporter(label: string, io: CliOutput): (p: Progress) => void {
  const tty = process.stderr.isTTY === true;
  let lastPhase = '';
  return (p) => {
    if (tty) {
      const width = 24;
      const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const bar = p.total > 0 ? '█'.repeat(Math.round(frac * width)).padEnd(width, '░') : '…'.padEnd(width, ' ');
      const count = p.total > 0 ? ` ${p.done}/${p.total}` : '';
      io.err(`\r${label} ${p.phase.padEnd(12)} ${bar}${count} ${p.message.slice(0, 40).padEnd(40)}`);
      if (p.phase === 'done') io.err('\n');
    } else if (p.phase !== lastPhase) {
      io.err(`${label}: ${p.phase}${p.total > 0 ? ` (${p.total} files)` : ''}\n`);
    }
    lastPhase = p.phase;
  };
}
