// vscode layer: remembers the debug port of each function whose debug environment was left warm, so the
// next Debug of that function attaches to it and runs without a cold start (issue: "warm environments can
// be debugged again without a cold start when possible"). Node.js only: its inspector takes new sessions.
export class WarmDebugPorts {
  private readonly ports = new Map<string, number>();

  static key(template: string, logicalId: string, env: Record<string, string>): string {
    return `${template}#${logicalId}#${JSON.stringify(Object.entries(env).sort())}`;
  }

  /** The port left warm for `key`, forgetting it (a session owns it from now on). */
  take(key: string): number | undefined {
    const port = this.ports.get(key);
    this.ports.delete(key);
    return port;
  }

  keep(key: string, port: number): void {
    this.ports.set(key, port);
  }
}
