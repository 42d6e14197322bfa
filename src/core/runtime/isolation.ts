// core/runtime: Linux isolation of an execution environment: its own user, PID and mount namespaces
// (util-linux `unshare`, no native code), so every process it starts dies with its runtime and `/tmp` is a
// private tmpfs of EphemeralStorage MB (ENOSPC past it, as in Lambda, lambda-semantics.md §2.3).
// Where namespaces are unavailable the engine falls back to process-tree tracking and says so once.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, sep } from 'node:path';
import { fileFingerprint, machineFacts } from '../runtimes/machineFacts';
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
  // Arguments: mount(2)'s syscall number, tmpfs MB, staging folder, names under /tmp to keep, "--", folders
  // to make read-only, "--", argv. The mounts are made here (no sh, no mount(8): fewer programs per cold start).
  'my ($nr, $mb, $sg) = splice(@ARGV, 0, 3); my @keep; while (@ARGV && $ARGV[0] ne "--") { push @keep, shift @ARGV } shift @ARGV;',
  'my @ro; while (@ARGV && $ARGV[0] ne "--") { push @ro, shift @ARGV } shift @ARGV;',
  'sub mnt { my @a = @_; syscall($nr, @a) == 0 or do { print STDERR "lambda-workbench: mount $_[1]: $!\\n"; exit 125 } }',
  'my $o = "size=${mb}m,mode=1777";',
  'if (@keep) { mnt("lwtmp", $sg, "tmpfs", 0, $o); for my $k (@keep) { mkdir "$sg/$k"; mnt("/tmp/$k", "$sg/$k", 0, 4096, 0) } mnt($sg, "/tmp", 0, 8192, 0) }',
  'else { mnt("lwtmp", "/tmp", "tmpfs", 0, $o) }',
  // The task root and /opt are read-only in Lambda (EROFS, §2.3); here they are also hard links into the
  // package cache, which a write would corrupt. Bind each onto itself, then remount it MS_BIND|MS_RDONLY.
  'for my $r (@ro) { next unless -d $r; mnt($r, $r, 0, 4096, 0); mnt(0, $r, 0, 4096 | 32 | 1, 0) }',
  'my $pid = fork; exit 125 unless defined $pid;',
  'if (!$pid) { exec { $ARGV[0] } @ARGV; syswrite $st, "exec-error " . ($! + 0) . "\n"; exit 127 }',
  'while ((my $w = wait) != -1) { next if $w != $pid; my $s = $?;',
  'if ($s & 127) { syswrite $st, "signal " . ($s & 127) . "\n"; exit 1 } syswrite $st, "exit " . ($s >> 8) . "\n"; exit($s >> 8) }',
  'exit 125;',
].join(' ');

/** mount(2)'s number, for the init's syscall(): only where we know it. */
const MOUNT_SYSCALL = ({ x64: 165, arm64: 40 } as Record<string, number>)[process.arch];
/** The perl init mounts /tmp itself and reports the runtime's end on fd 3 (see INIT_SCRIPT). */
const PERL_INIT = PERL !== undefined && MOUNT_SYSCALL !== undefined;
/** Whether the namespaces' init reports the runtime's end on fd 3 (see INIT_SCRIPT). */
export const REPORTS_STATUS = PERL_INIT;

const NS_FLAGS = ['--user', '--map-root-user', '--pid', '--mount', '--fork', '--kill-child=SIGKILL', '--mount-proc'];

let probe: Promise<{ mode: IsolationMode; reason?: string }> | undefined;

/**
 * Whether this machine lets us create the namespaces (and mount a tmpfs inside them); asked once per engine
 * process. Disabled unprivileged user namespaces (sysctl, AppArmor's restriction on Ubuntu 24.04) fail here.
 * The answer is kept in the machine facts (machineFacts.ts) for as long as what it depends on stays the same
 * (this boot, the unshare binary, the user, the sysctls that govern user namespaces): the probe starts three
 * programs, ~40–90 ms that a one-shot CLI run would otherwise pay before its runtime can start.
 */
export function isolationSupport(): Promise<{ mode: IsolationMode; reason?: string }> {
  if (process.env.LAMBDA_WORKBENCH_ISOLATION === 'process-tree') return Promise.resolve({ mode: 'process-tree', reason: 'LAMBDA_WORKBENCH_ISOLATION=process-tree' });
  probe ??= new Promise((resolve) => {
    if (!UNSHARE || !SH) return resolve({ mode: 'process-tree', reason: linux ? 'util-linux "unshare" was not found' : `namespaces are Linux-only (this is ${process.platform})` });
    const fingerprint = isolationFingerprint();
    const known = fingerprint === undefined ? undefined : machineFacts().lookup<{ mode: IsolationMode; reason?: string }>('isolation', fingerprint);
    if (known && (known.mode === 'namespaces' || known.mode === 'process-tree')) return resolve(known);
    execFile(UNSHARE, [...NS_FLAGS, '--', SH, '-c', 'mount -t tmpfs -o size=1m lwprobe /tmp'], { timeout: 10_000 }, (err, _out, stderr) => {
      const answer: { mode: IsolationMode; reason?: string } = err ? { mode: 'process-tree', reason: (stderr || err.message).trim().split('\n')[0] } : { mode: 'namespaces' };
      // A timeout says nothing lasting about the machine: only real answers are kept.
      if (fingerprint !== undefined && !(err && err.killed)) machineFacts().store('isolation', fingerprint, answer);
      resolve(answer);
    });
  });
  return probe;
}

/** Everything the probe's answer depends on, or undefined when this cannot be told (then it always probes). */
function isolationFingerprint(): string | undefined {
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8').trim();
    } catch {
      return '-';
    }
  };
  const bootId = read('/proc/sys/kernel/random/boot_id');
  if (bootId === '-') return undefined;
  const sysctls = ['/proc/sys/kernel/unprivileged_userns_clone', '/proc/sys/user/max_user_namespaces', '/proc/sys/kernel/apparmor_restrict_unprivileged_userns'].map(read);
  return [bootId, process.getuid?.(), fileFingerprint(UNSHARE!), fileFingerprint(SH!), ...sysctls].join('|');
}

/**
 * The runtime's command line inside fresh namespaces. The runtime is the namespace's first process: when it
 * exits or is killed, the kernel kills everything else it started, detached or not. `unshare` mirrors its
 * exit status and signal, so exit reasons stay exact.
 *
 * The tmpfs hides the host's /tmp; paths the environment needs that live under /tmp (a state directory in the
 * system temp folder) are bound back into it at the same place before the runtime starts.
 */
export function isolatedLaunch(
  spec: LaunchSpec,
  tmpMb: number,
  stagingDir: string,
  needed: string[],
  readOnly: string[] = [],
): { command: string; args: string[]; env: Record<string, string> } {
  const underTmp = new Set<string>();
  for (const p of [spec.cwd, spec.command, stagingDir, ...needed]) {
    if (isAbsolute(p) && p.startsWith('/tmp/')) underTmp.add(p.slice(5).split(sep)[0]);
  }
  // $1 = tmpfs size in MB, $2 = an empty folder to build the new /tmp in, then the names under /tmp to keep,
  // "--", and the runtime's argv.
  if (PERL_INIT) {
    const init = [PERL!, '-e', INIT_SCRIPT, '--', String(MOUNT_SYSCALL), String(tmpMb), stagingDir, ...underTmp, '--', ...readOnly.filter((p) => p !== '--'), '--', spec.command, ...spec.args];
    const ns = [UNSHARE!, ...NS_FLAGS, '--', ...init];
    const env = { ...spec.env, PERL_BADLANG: '0' };
    return SETPRIV ? { command: SETPRIV, args: ['--pdeathsig', 'SIGKILL', '--', ...ns], env } : { command: ns[0], args: ns.slice(1), env };
  }
  // Without the perl init: sh and mount(8) make /tmp, and the runtime itself is the namespace's first process.
  const script = (underTmp.size
    ? 'set -e; s=$1; st=$2; shift 2; mount -t tmpfs -o size=${s}m,mode=1777 lwtmp "$st"; ' +
      'while [ "$1" != -- ]; do mkdir -p "$st/$1"; mount --bind "/tmp/$1" "$st/$1"; shift; done; shift; ' +
      'mount --move "$st" /tmp; exec "$@"'
    : 'mount -t tmpfs -o size=$1m,mode=1777 lwtmp /tmp; shift 3; exec "$@"');
  const inner = [SH!, '-c', script, 'lw-env', String(tmpMb), stagingDir, ...underTmp, '--', spec.command, ...spec.args];
  const ns = [UNSHARE!, ...NS_FLAGS, '--', ...inner];
  return SETPRIV ? { command: SETPRIV, args: ['--pdeathsig', 'SIGKILL', '--', ...ns], env: spec.env } : { command: ns[0], args: ns.slice(1), env: spec.env };
}

/** The plain launch: its own process group, and setpriv's parent-death signal where available. */
export function plainLaunch(spec: LaunchSpec): { command: string; args: string[] } {
  return SETPRIV ? { command: SETPRIV, args: ['--pdeathsig', 'SIGKILL', '--', spec.command, ...spec.args] } : { command: spec.command, args: spec.args };
}
