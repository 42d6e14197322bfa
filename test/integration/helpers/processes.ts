// Test helper: whether a process still runs (signal 0), for the "no process left behind" checks.
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
