// core/runtimes: warnings about the machine (a runtime's local interpreter, a deprecated runtime) are given once
// per engine process, however many engines (VS Code recreates one per template change) or cold starts ask.
const given = new Set<string>();

/** Calls `warn(message)` the first time `key` is seen in this process; later calls do nothing. */
export function warnOncePerSession(key: string, warn: (message: string) => void, message: string): void {
  if (given.has(key)) return;
  given.add(key);
  warn(message);
}
