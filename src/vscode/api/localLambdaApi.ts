// vscode layer: the local Lambda API from VS Code (issue 13, section 4): Start / Stop Local Lambda API for a
// template's engine on 127.0.0.1 (the same server `lambda-workbench start` runs), its endpoint in the status
// bar (a click copies `--endpoint-url …`), and every API request logged in the Lambda output channel.
// The endpoint outlives Stop All Environments and template reloads: when the template's engine is replaced,
// the API is started again on the same port for the new one. The template's APIs and function URLs are served
// with it (issue 17, apis/httpServing.ts); their failing to listen leaves the Lambda API up, with the reason shown.
import * as vscode from 'vscode';
import type { LambdaApiHandle } from '../../core/api';
import type { HttpHandle } from '../../core/http/httpFront';
import type { ServedApi } from '../../core/http/routeTypes';
import type { LambdaService } from '../../core/service';
import { httpLogLine, listenHttp, type HttpPorts } from '../apis/httpServing';
import { COMMANDS, CONTEXT_KEYS, SETTINGS } from '../ids';
import type { LogChannel } from '../logs/logChannel';
import type { WorkspaceServices } from '../workspaceServices';

interface RunningApi {
  templatePath: string;
  service: LambdaService;
  handle: LambdaApiHandle;
  requests: { dispose(): void };
  /** The APIs and URLs being served, or why they are not. */
  http?: HttpHandle;
  httpError?: string;
  httpPorts: HttpPorts;
}

export class LocalLambdaApi implements vscode.Disposable {
  private readonly running = new Map<string, RunningApi>();
  private readonly item = vscode.window.createStatusBarItem('lambdaWorkbench.api', vscode.StatusBarAlignment.Left, 49);
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly serversChanged = new vscode.EventEmitter<void>();
  /** A server started or stopped, or the template's routes moved (the APIs view re-renders). */
  readonly onDidChangeServers = this.serversChanged.event;

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

  /** The template's APIs and URLs as served now (empty when not running). */
  served(templatePath: string): readonly ServedApi[] {
    return this.running.get(templatePath)?.http?.served ?? [];
  }

  /** Serves the template (quietly, when it is not already) and resolves with its APIs as served. */
  async ensureServing(templatePath: string): Promise<readonly ServedApi[]> {
    let r = this.running.get(templatePath);
    if (!r) {
      await this.listen(templatePath, this.portFor());
      r = this.running.get(templatePath)!;
    }
    if (!r.http) {
      // They failed to listen when the template was served (a port in use): try again now.
      r.httpError = undefined;
      await this.listenHttp(r);
      this.update();
    }
    if (!r.http) throw new Error(`The APIs of ${vscode.workspace.asRelativePath(templatePath)} are not served: ${r.httpError ?? 'unknown reason'}`);
    return r.http.served;
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
      const apis = this.describeHttp(this.running.get(target));
      void vscode.window.showInformationMessage(`Local Lambda API at ${url} — use it with --endpoint-url ${url} (the AWS CLI) or endpoint: '${url}' (the AWS SDK).${apis ? ` ${apis}.` : ''}`, 'Copy --endpoint-url').then((choice) => {
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
    this.serversChanged.dispose();
  }

  private async listen(templatePath: string, port: number, httpPorts = this.httpPortsFor()): Promise<string> {
    const service = this.services.serviceFor(templatePath);
    // Another template's API may hold the configured port: the next free one up, as SAM's start-api users expect.
    const taken = new Set([...this.running.values()].map((r) => r.handle.port));
    let p = port;
    while (p !== 0 && taken.has(p)) p++;
    const handle = await service.lambdaApi({ port: p });
    const requests = handle.onRequest((r) =>
      this.logs.info(`[api] ${r.operation}${r.functionName ? ` ${r.functionName}` : ''} ${r.status} ${r.durationMs.toFixed(1)} ms`),
    );
    const running: RunningApi = { templatePath, service, handle, requests, httpPorts };
    this.running.set(templatePath, running);
    this.logs.info(`Local Lambda API for ${vscode.workspace.asRelativePath(templatePath)} at ${handle.url} (--endpoint-url ${handle.url}).`);
    await this.listenHttp(running);
    this.update();
    return handle.url;
  }

  /** Serves the template's APIs and URLs beside its Lambda API; a failure is told, the Lambda API stays. */
  private async listenHttp(r: RunningApi): Promise<void> {
    try {
      const { handle, apiPort } = await listenHttp(r.service, r.httpPorts);
      r.http = handle;
      // A restart after Stop All keeps the port it got, even when the setting's was taken.
      r.httpPorts = { ...r.httpPorts, apiPort };
      const log = r.service.http.onRequest((e) => this.logs.info(httpLogLine(e)));
      const routed = handle.onDidRoute((rows) => {
        this.logs.info(`Routes of ${vscode.workspace.asRelativePath(r.templatePath)} changed: ${rows.length} route${rows.length === 1 ? '' : 's'}.`);
        this.serversChanged.fire();
      });
      r.requests = vscode.Disposable.from(r.requests, log, routed);
      const described = this.describeHttp(r);
      if (described) this.logs.info(`${vscode.workspace.asRelativePath(r.templatePath)}: ${described}.`);
    } catch (err) {
      r.httpError = err instanceof Error ? err.message : String(err);
      this.logs.error(`The APIs of ${vscode.workspace.asRelativePath(r.templatePath)} are not served: ${r.httpError}`);
      void vscode.window.showWarningMessage(`Lambda: the template's APIs are not served: ${r.httpError}`);
    }
  }

  /** `APIs at http://127.0.0.1:3000; function URLs at http://127.0.0.1:9000`, or '' when the template has none. */
  private describeHttp(r: RunningApi | undefined): string {
    const served = r?.http?.served ?? [];
    const apis = [...new Set(served.filter((s) => s.api.kind !== 'url').map((s) => s.baseUrl))];
    const urls = [...new Set(served.filter((s) => s.api.kind === 'url').map((s) => s.baseUrl))];
    return [apis.length ? `APIs at ${apis.join(', ')}` : '', urls.length ? `function URLs at ${urls.join(', ')}` : ''].filter(Boolean).join('; ');
  }

  /** After Stop All or a reload the template has a new engine: serve it on the same port. */
  private async followReplacedEngines(): Promise<void> {
    for (const r of [...this.running.values()]) {
      if (this.services.serviceFor(r.templatePath) === r.service) continue;
      this.running.delete(r.templatePath);
      await this.close(r);
      try {
        await this.listen(r.templatePath, r.handle.port, r.httpPorts);
      } catch (err) {
        this.logs.error(`The local Lambda API for ${vscode.workspace.asRelativePath(r.templatePath)} stopped: ${err instanceof Error ? err.message : String(err)}`);
        this.update();
      }
    }
  }

  private async close(r: RunningApi): Promise<void> {
    r.requests.dispose();
    await Promise.all([r.handle.close().catch(() => undefined), r.http?.close().catch(() => undefined)]);
  }

  private portFor(): number {
    const port = vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.apiPort, 3001);
    return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 3001;
  }

  private httpPortsFor(): HttpPorts {
    const c = vscode.workspace.getConfiguration(SETTINGS.section);
    const valid = (p: unknown, fallback: number): number => (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 65535 ? p : fallback);
    return { apiPort: valid(c.get<number>(SETTINGS.httpApiPort, 3000), 3000), urlPort: valid(c.get<number>(SETTINGS.httpUrlPort, 9000), 9000) };
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
    this.serversChanged.fire();
    const all = [...this.running.values()];
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.apiRunning, all.length > 0);
    if (all.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(radio-tower) Lambda API ${all.map((r) => `:${r.handle.port}`).join(' ')}`;
    this.item.tooltip = all.map((r) => `${vscode.workspace.asRelativePath(r.templatePath)}: ${r.handle.url}${r.http?.served.length ? ` (${this.describeHttp(r)})` : ''}`).join('\n') + '\nClick to copy --endpoint-url';
    this.item.show();
  }

  /** Status bar text, for tests. */
  get text(): string {
    return this.item.text;
  }
}
