// core/runtime: Linux isolation of an execution environment: its own user, PID and mount namespaces
// (util-linux `unshare`, no native code), so every process it starts dies with its runtime and `/tmp` is a
// private tmpfs of EphemeralStorage MB (ENOSPC past it, as in Lambda, lambda-semantics.md §2.3).
// Where namespaces are unavailable the engine falls back to process-tree tracking and says so once.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, sep } from 'node:path';
import type { LaunchSpec } from '../runtimes/runtimeHost';

/** How an environment's processes are contained. */
export type IsolationMode = 'namespaces' | 'process-tree';

const find = (names: string[]): string | undefined => names.find((p) => existsSync(p));
const linux = process.platform === 'linux';
/** util-linux's setpriv: asks the kernel to SIGKILL the launched process when the engine dies, however it dies. */
export const SETPRIV = linux ? find(['/usr/bin/setpriv', '/bin/setpriv']) : undefined;
const UNSHARE = linux ? find(['/usr/bin/unshare', '/bin/unshare']) : undefined;
const SH = find(['/bin/sh', '/usr/bin/sh']);
const PERL = linux ? find(['/usr/bin/perl', '/bin/perl']) : undefined;

/**
 * The namespace's first process (its init): starts the runtime as its child, reaps orphans, and ends with it.
 * A namespace's init ignores signals sent from inside it (`kill -9 $$` in a bootstrap would do nothing), so
 * the runtime must not be it. The init cannot die of the runtime's signal either, so it reports how the
 * runtime ended on fd 3 ("exit N" / "signal N" / "exec-error ERRNO"), which the engine reads (RuntimeProcess).
 * Perl is on every mainstream Linux base image; without it the runtime itself is the init.
 */
const INIT_SCRIPT = [
  // The function's LANG (en_US.UTF-8, §2.5) may be missing here: PERL_BADLANG quiets perl's complaint, and
  // is taken out again so the runtime's environment is exactly the function's.
  'delete $ENV{PERL_BADLANG}; open(my $st, ">&=", 3) or exit 125; fcntl($st, 2, 1);',
  'my $pid = fork; exit 125 unless defined $pid;',
  'if (!$pid) { exec { $ARGV[0] } @ARGV; syswrite $st, "exec-error " . ($! + 0) . "\n"; exit 127 }',
  'while ((my $w = wait) != -1) { next if $w != $pid; my $s = $?;',
  'if ($s & 127) { syswrite $st, "signal " . ($s & 127) . "\n"; exit 1 } syswrite $st, "exit " . ($s >> 8) . "\n"; exit($s >> 8) }',
  'exit 125;',
].join(' ');

/** Whether the namespaces' init reports the runtime's end on fd 3 (see INIT_SCRIPT). */
export const REPORTS_STATUS = PERL !== undefined;

const NS_FLAGS = ['--user', '--map-root-user', '--pid', '--mount', '--fork', '--kill-child=SIGKILL', '--mount-proc'];

let probe: Promise<{ mode: IsolationMode; reason?: string }> | undefined;

/**
 * Whether this machine lets us create the namespaces (and mount a tmpfs inside them); asked once per engine
 * process. Disabled unprivileged user namespaces (sysctl, AppArmor's restriction on Ubuntu 24.04) fail here.
 */
export function isolationSupport(): Promise<{ mode: IsolationMode; reason?: string }> {
  if (process.env.LAMBDA_WORKBENCH_ISOLATION === 'process-tree') return Promise.resolve({ mode: 'process-tree', reason: 'LAMBDA_WORKBENCH_ISOLATION=process-tree' });
  probe ??= new Promise((resolve) => {
    if (!UNSHARE || !SH) return resolve({ mode: 'process-tree', reason: linux ? 'util-linux "unshare" was not found' : `namespaces are Linux-only (this is ${process.platform})` });
    execFile(UNSHARE, [...NS_FLAGS, '--', SH, '-c', 'mount -t tmpfs -o size=1m lwprobe /tmp'], { timeout: 10_000 }, (err, _out, stderr) => {
      if (!err) return resolve({ mode: 'namespaces' });
      resolve({ mode: 'process-tree', reason: (stderr || err.message).trim().split('\n')[0] });
    });
  });
  return probe;
}

/**
 * The runtime's command line inside fresh namespaces. The runtime is the namespace's first process: when it
 * exits or is killed, the kernel kills everything else it started, detached or not. `unshare` mirrors its
 * exit status and signal, so exit reasons stay exact.
 *
 * The tmpfs hides the host's /tmp; paths the environment needs that live under /tmp (a state directory in the
 * system temp folder) are bound back into it at the same place before the runtime starts.
 */
export function isolatedLaunch(spec: LaunchSpec, tmpMb: number, stagingDir: string, needed: string[]): { command: string; args: string[] } {
  const underTmp = new Set<string>();
  for (const p of [spec.cwd, spec.command, stagingDir, ...needed]) {
    if (isAbsolute(p) && p.startsWith('/tmp/')) underTmp.add(p.slice(5).split(sep)[0]);
  }
  // $1 = tmpfs size in MB, $2 = an empty folder to build the new /tmp in, then the names under /tmp to keep,
  // "--", and the runtime's argv.
  const quiet = PERL ? 'export PERL_BADLANG=0; ' : '';
  const script = quiet + (underTmp.size
    ? 'set -e; s=$1; st=$2; shift 2; mount -t tmpfs -o size=${s}m,mode=1777 lwtmp "$st"; ' +
      'while [ "$1" != -- ]; do mkdir -p "$st/$1"; mount --bind "/tmp/$1" "$st/$1"; shift; done; shift; ' +
      'mount --move "$st" /tmp; exec "$@"'
    : 'mount -t tmpfs -o size=$1m,mode=1777 lwtmp /tmp; shift 3; exec "$@"');
  const init = PERL ? [PERL, '-e', INIT_SCRIPT, '--'] : [];
  const inner = [SH!, '-c', script, 'lw-env', String(tmpMb), stagingDir, ...underTmp, '--', ...init, spec.command, ...spec.args];
  const ns = [UNSHARE!, ...NS_FLAGS, '--', ...inner];
  return SETPRIV ? { command: SETPRIV, args: ['--pdeathsig', 'SIGKILL', '--', ...ns] } : { command: ns[0], args: ns.slice(1) };
}

/** The plain launch: its own process group, and setpriv's parent-death signal where available. */
export function plainLaunch(spec: LaunchSpec): { command: string; args: string[] } {
  return SETPRIV ? { command: SETPRIV, args: ['--pdeathsig', 'SIGKILL', '--', spec.command, ...spec.args] } : { command: spec.command, args: spec.args };
}
