// VS Code test tier: finds execution-environment processes (started from dist/runtimes, or working in the
// workspace's state directory, where packages are extracted) that are still running, waiting up to `ms`
// for the extension hosts to shut down. Other processes in the workspace (a terminal's shell) are not ours.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function scan(workspace, runtimesDir) {
  const found = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const cwd = readlinkSync(`/proc/${d}/cwd`);
      if (cmd.includes(runtimesDir) || cwd.startsWith(`${workspace}/.lambda-workbench`)) found.push(`${d}: ${cmd.trim()} (cwd ${cwd})`);
    } catch { /* exited meanwhile */ }
  }
  return found;
}

export async function leftoverEnvironments(workspace, runtimesDir, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const found = scan(workspace, runtimesDir);
    if (!found.length || Date.now() > end) return found;
    await new Promise((r) => setTimeout(r, 500));
  }
}
