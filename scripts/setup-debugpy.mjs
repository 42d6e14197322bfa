// Test prerequisite: debugpy for the system Python (Debian's python3-debugpy), which the Python debugging
// tests attach to. Installs it with apt when missing and running as root; otherwise says how, and the
// tests that need it fail with the same message. Idempotent and instant once installed.
import { spawnSync } from 'node:child_process';

const python = process.env.LWB_DEBUGPY_PYTHON ?? '/usr/bin/python3';
const has = () => spawnSync(python, ['-c', 'import debugpy'], { stdio: 'ignore' }).status === 0;

if (has()) process.exit(0);
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!root || !apt) {
  console.error(`debugpy is not installed for ${python}; the Python debugging tests will fail. Install it: sudo apt-get install python3-debugpy (or pip install debugpy for that interpreter).`);
  process.exit(0);
}
console.error('setup-debugpy: apt-get install python3-debugpy');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-q'], ['install', '-y', '-q', 'python3-debugpy']]) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0) {
    console.error(`setup-debugpy: apt-get ${args[0]} failed (exit ${r.status}); the Python debugging tests will fail.`);
    process.exit(0);
  }
}
if (!has()) console.error(`setup-debugpy: python3-debugpy installed but ${python} still cannot import debugpy.`);
