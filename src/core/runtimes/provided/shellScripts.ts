// core/runtimes/provided: Amazon Linux's /bin/sh is bash. A `#!/bin/sh` bootstrap that uses bash features
// (`set -o pipefail`, `source`, arrays) works in Lambda and dies at once where /bin/sh is another shell (dash on
// Debian and Ubuntu). Fidelity rule: such a script runs with bash in POSIX mode — what Amazon Linux's sh is —
// when the host's /bin/sh is not bash; LAMBDA_WORKBENCH_DEBUG=1 prints a line saying so.
import { closeSync, openSync, readSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { WorkbenchError } from '../../common/errors';
import { findOnPath } from '../findExecutable';

/** `#!/bin/sh`, `#!/usr/bin/sh` or `#!/usr/bin/env sh`, with any arguments after it. */
const SH_SHEBANG = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+)?sh(?:\s+(.*))?$/;

function firstLine(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.toString('latin1', 0, n).split('\n')[0].replace(/\r$/, '');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

let hostShIsBash: boolean | undefined;

function shIsBash(): boolean {
  if (hostShIsBash === undefined) {
    try {
      hostShIsBash = basename(realpathSync('/bin/sh')) === 'bash';
    } catch {
      hostShIsBash = false;
    }
  }
  return hostShIsBash;
}

/**
 * How to start `script`: undefined to exec it as it is, else bash (`--posix`, the shebang's own arguments, the
 * script) for a `#!/bin/sh` script on a host whose sh is not bash. No bash at all is a coded error.
 */
export async function shellFor(script: string, pathEnv?: string): Promise<{ command: string; args: string[] } | undefined> {
  if (process.platform === 'win32') return undefined;
  const m = SH_SHEBANG.exec(firstLine(script));
  if (!m || shIsBash()) return undefined;
  const bash = await findOnPath('bash', pathEnv);
  if (!bash) {
    throw new WorkbenchError(
      'RUNTIME_NOT_FOUND',
      `The bootstrap "${script}" starts with #!/bin/sh, which is bash on Amazon Linux, but this machine's /bin/sh is not bash and no bash was found on PATH. Install bash, or make the script POSIX sh.`,
    );
  }
  const args = ['--posix', ...(m[1] ? m[1].trim().split(/\s+/) : []), script];
  if (process.env.LAMBDA_WORKBENCH_DEBUG) process.stderr.write(`[lambda-workbench] ${script}: #!/bin/sh runs with ${bash} --posix (Amazon Linux's sh is bash; this host's is not)\n`);
  return { command: bash, args };
}
