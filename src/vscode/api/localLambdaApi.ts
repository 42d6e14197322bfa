// vscode layer: the local Lambda API from VS Code (issue 13, section 4): Start / Stop Local Lambda API for a
// template's engine on 127.0.0.1 (the same server `lambda-workbench start` runs), its endpoint in the status
// bar (a click copies `--endpoint-url …`), and every API request logged in the Lambda output channel.
// The endpoint outlives Stop All Environments and template reloads: when the template's engine is replaced,
// the API is started again on the same port for the new one.
import * as vscode from 'vscode';
import type { LambdaApiHandle } from '../../core/api';
import type { LambdaService } from '../../core/service';
import { COMMANDS, CONTEXT_KEYS, SETTINGS } from '../ids';
import type { LogChannel } from '../logs/logChannel';
import type { WorkspaceServices } from '../workspaceServices';

interface RunningApi {
  templatePath: string;
  service: LambdaService;
  handle: LambdaApiHandle;
  requests: { dispose(): void };
}

export class LocalLambdaApi implements vscode.Disposable {
  private readonly running = new Map<string, RunningApi>();
  private readonly item = vscode.window.createStatusBarItem('lambdaWorkbench.api', vscode.StatusBarAlignment.Left, 49);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly services: WorkspaceServices,
    private readonly logs: LogChannel,
  ) {
    this.item.name = 'Lambda Workbench: local Lambda API';
    this.item.command = COMMANDS.apiCopyEndpoint;
    this.subscriptions.push(services.onDidChange(() => void this.followReplacedEngines()));
  }

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.commands.registerCommand(COMMANDS.apiStart, (arg?: unknown) => this.start(typeof arg === 'string' ? arg : undefined)),
      vscode.commands.registerCommand(COMMANDS.apiStop, () => this.stopAll()),
      vscode.commands.registerCommand(COMMANDS.apiCopyEndpoint, () => this.copyEndpoint()),
    );
  }

  /** The running endpoints, by template path (for tests and the status bar). */
  endpoints(): { templatePath: string; url: string }[] {
    return [...this.running.values()].map((r) => ({ templatePath: r.templatePath, url: r.handle.url }));
  }

  /** Starts the API for a template (asked for when the workspace has several); resolves to its URL. */
  async start(templatePath?: string): Promise<string | undefined> {
    try {
      const target = templatePath ?? (await this.pickTemplate());
      if (!target) return undefined;
      const already = this.running.get(target);
      if (already) {
        void vscode.window.showInformationMessage(`The local Lambda API for ${vscode.workspace.asRelativePath(target)} already runs at ${already.handle.url}.`);
        return already.handle.url;
      }
      const url = await this.listen(target, this.portFor());
      void vscode.window.showInformationMessage(`Local Lambda API at ${url} — use it with --endpoint-url ${url} (the AWS CLI) or endpoint: '${url}' (the AWS SDK).`, 'Copy --endpoint-url').then((choice) => {
        if (choice) void this.copyEndpoint(target);
      });
      return url;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logs.error(`Could not start the local Lambda API: ${message}`);
      void vscode.window.showErrorMessage(`Could not start the local Lambda API: ${message}`);
      return undefined;
    }
  }

  /** Stops every endpoint this window started. */
  async stopAll(): Promise<number> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((r) => this.close(r)));
    if (all.length) this.logs.info(`Local Lambda API stopped (${all.map((r) => r.handle.url).join(', ')}).`);
    this.update();
    return all.length;
  }

  async copyEndpoint(templatePath?: string): Promise<string | undefined> {
    const r = templatePath ? this.running.get(templatePath) : [...this.running.values()][0];
    if (!r) return undefined;
    const text = `--endpoint-url ${r.handle.url}`;
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`Copied: ${text}`, 3000);
    return text;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const r of this.running.values()) void this.close(r);
    this.running.clear();
    this.item.dispose();
  }

  private async listen(templatePath: string, port: number): Promise<string> {
    const service = this.services.serviceFor(templatePath);
    // Another template's API may hold the configured port: the next free one up, as SAM's start-api users expect.
    const taken = new Set([...this.running.values()].map((r) => r.handle.port));
    let p = port;
    while (p !== 0 && taken.has(p)) p++;
    const handle = await service.lambdaApi({ port: p });
    const requests = handle.onRequest((r) =>
      this.logs.info(`[api] ${r.operation}${r.functionName ? ` ${r.functionName}` : ''} ${r.status} ${r.durationMs.toFixed(1)} ms`),
    );
    this.running.set(templatePath, { templatePath, service, handle, requests });
    this.logs.info(`Local Lambda API for ${vscode.workspace.asRelativePath(templatePath)} at ${handle.url} (--endpoint-url ${handle.url}).`);
    this.update();
    return handle.url;
  }

  /** After Stop All or a reload the template has a new engine: serve it on the same port. */
  private async followReplacedEngines(): Promise<void> {
    for (const r of [...this.running.values()]) {
      if (this.services.serviceFor(r.templatePath) === r.service) continue;
      this.running.delete(r.templatePath);
      await this.close(r);
      try {
        await this.listen(r.templatePath, r.handle.port);
      } catch (err) {
        this.logs.error(`The local Lambda API for ${vscode.workspace.asRelativePath(r.templatePath)} stopped: ${err instanceof Error ? err.message : String(err)}`);
        this.update();
      }
    }
  }

  private async close(r: RunningApi): Promise<void> {
    r.requests.dispose();
    await r.handle.close().catch(() => undefined);
  }

  private portFor(): number {
    const port = vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.apiPort, 3001);
    return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 3001;
  }

  private async pickTemplate(): Promise<string | undefined> {
    const templates = (await this.services.templates()).filter((e) => e.model);
    if (templates.length === 0) throw new Error('No SAM template found in the workspace: add a template.yaml, or set "lambdaWorkbench.templates.globs".');
    if (templates.length === 1) return templates[0].uri.fsPath;
    const pick = await vscode.window.showQuickPick(
      templates.map((e) => ({ label: vscode.workspace.asRelativePath(e.uri), description: `${e.model!.functions.length} functions`, path: e.uri.fsPath })),
      { title: 'Start the local Lambda API for which template?' },
    );
    return pick?.path;
  }

  private update(): void {
    const all = [...this.running.values()];
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.apiRunning, all.length > 0);
    if (all.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(radio-tower) Lambda API ${all.map((r) => `:${r.handle.port}`).join(' ')}`;
    this.item.tooltip = all.map((r) => `${vscode.workspace.asRelativePath(r.templatePath)}: ${r.handle.url}`).join('\n') + '\nClick to copy --endpoint-url';
    this.item.show();
  }

  /** Status bar text, for tests. */
  get text(): string {
    return this.item.text;
  }
}
