// vscode layer: finds the workspace's templates and owns one LambdaService per template, created lazily
// on first use (no engine work happens during activation). The single source of truth for the UI.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LogEvent } from '../core/logs/logStore';
import type { FunctionConfig, LayerConfig, TemplateModel } from '../core/model/functionConfig';
import { isWorkbenchError } from '../core/common/errors';
import { LambdaService } from '../core/service';
import { stateLayout } from '../core/store/stateDir';
import { engineSettings, fingerprint, isEmptyVariant, variantId, type EngineSettings, type EngineVariant } from './engineOptions';
import { readSettings } from './settings';
import { AwsProfiles } from './awsProfiles';

const EXCLUDE = '{**/node_modules/**,**/.aws-sam/**,**/.lambda-workbench/**,**/cdk.out/**}';

/** One template file and, once loaded, its model (or the error that stopped it loading). */
export interface TemplateEntry {
  readonly uri: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder;
  model?: TemplateModel;
  error?: string;
  /** Where the error points, when it is a coded engine error (the Problems panel shows it there). */
  errorAt?: { code: string; line?: number; column?: number };
}

/** A function together with the template it came from: what commands receive. */
export interface FunctionRef {
  readonly templatePath: string;
  readonly fn: FunctionConfig;
}
export interface LayerRef {
  readonly templatePath: string;
  readonly layer: LayerConfig;
}

/** An engine just created, with the time scale its engine clock runs at. */
export interface StartedService {
  readonly templatePath: string;
  readonly service: LambdaService;
  readonly timeScale: number;
  /** Its state directory (shared by the engines of one workspace folder's templates). */
  readonly stateRoot: string;
}

/** A live engine, what it was made from, and for which template. */
interface Engine {
  readonly templatePath: string;
  readonly service: LambdaService;
  readonly variant: EngineVariant;
  readonly fingerprint: string;
}

export class WorkspaceServices implements vscode.Disposable {
  private entries: TemplateEntry[] = [];
  /** Live engines: the template's own under its path, a launch configuration's under path + options. */
  private readonly engines = new Map<string, Engine>();
  private discovery: Promise<TemplateEntry[]> | undefined;
  private discovered = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly logs = new vscode.EventEmitter<LogEvent>();
  private readonly warnings = new vscode.EventEmitter<string>();
  private readonly invoked = new vscode.EventEmitter<{ templatePath: string; functionName: string }>();
  private readonly started = new vscode.EventEmitter<StartedService>();
  /** An engine was created for a template (first use, or again after Stop All / a settings change). */
  readonly onDidStartService = this.started.event;
  /** After every invoke of any engine (the History view refreshes on it). */
  readonly onDidInvoke = this.invoked.event;
  /** Templates were discovered or (re)loaded. */
  readonly onDidChange = this.changed.event;
  /** Every log line of every environment of every template. */
  readonly onLog = this.logs.event;
  readonly onWarning = this.warnings.event;
  /** lambdaWorkbench.profile / a launch `profile`: regions read ahead, credentials per engine. */
  private readonly profiles = new AwsProfiles((m) => this.warnings.fire(m));

  constructor(private readonly runtimesDir: string) {}

  /**
   * Templates with their models, discovering and loading them on first call. Fires onDidChange when this
   * call loaded a model nobody had seen yet, so CodeLens and context keys follow the model, not the tree.
   */
  async templates(): Promise<readonly TemplateEntry[]> {
    const first = !this.discovery;
    const entries = await (this.discovery ??= this.discover());
    const loaded = await Promise.all(entries.map((e) => this.load(e)));
    if (first || loaded.some(Boolean)) this.changed.fire();
    return entries;
  }

  /** 'loading' until templates were discovered once, then 'none' or 'ready' (the welcome view's key). */
  state(): 'loading' | 'none' | 'ready' {
    if (!this.discovered) return 'loading';
    return this.entries.length ? 'ready' : 'none';
  }

  async functions(): Promise<FunctionRef[]> {
    return (await this.templates()).flatMap((e) => (e.model?.functions ?? []).map((fn) => ({ templatePath: e.uri.fsPath, fn })));
  }

  async layers(): Promise<LayerRef[]> {
    return (await this.templates()).flatMap((e) => (e.model?.layers ?? []).map((layer) => ({ templatePath: e.uri.fsPath, layer })));
  }

  /** Templates already loaded, without touching the disk (CodeLens uses this). */
  loaded(): readonly TemplateEntry[] {
    return this.entries;
  }

  /** The source folder (CodeUri) of a loaded function, by its function name: where package paths map back to. */
  sourceDirOf(functionName: string): string | undefined {
    for (const e of this.entries) {
      const fn = e.model?.functions.find((f) => f.functionName === functionName || f.logicalId === functionName);
      if (fn) return fn.code.kind === 'directory' ? fn.code.path : undefined;
    }
    return undefined;
  }

  /** The engine for a template, started on first use (made from its folder's settings). */
  serviceFor(templatePath: string): LambdaService {
    return this.engine(templatePath, {}).service;
  }

  /**
   * The engine a `lambda` debug session runs on: the template's own when the launch configuration sets no
   * parameterOverrides / envVarsFile / region beyond the settings; else one of its own, kept for later
   * sessions with the same attributes (its environments stay warm). Such an engine has its own state folder
   * (<state>/launch/<id>) so two engines never share one template's journals, and resumes no async queue.
   */
  async serviceForLaunch(templatePath: string, variant: EngineVariant): Promise<LambdaService> {
    await this.profiles.prepare([variant.profile?.trim()]);
    return this.engine(templatePath, variant).service;
  }

  private engine(templatePath: string, variant: EngineVariant): Engine {
    const made = this.optionsFor(templatePath, variant);
    const base = isEmptyVariant(variant) ? made : this.optionsFor(templatePath, {});
    const own = made.fingerprint !== base.fingerprint;
    const key = own ? `${templatePath}\u0000${made.fingerprint}` : templatePath;
    const existing = this.engines.get(key);
    if (existing) return existing;
    const { cwd, options } = made;
    const stateDir = own ? path.join(stateLayout(cwd, options.stateDir).root, 'launch', variantId(made.fingerprint)) : options.stateDir;
    const svc = new LambdaService({
      cwd,
      templatePath,
      runtimesDir: this.runtimesDir,
      interpreters: options.interpreters,
      installRuntimes: {
        mode: options.runtimesInstall,
        confirm: async (question) => (await vscode.window.showInformationMessage(question, 'Install')) === 'Install',
        progress: (m) => this.warnings.fire(m),
      },
      stateDir,
      freeze: options.freeze,
      timeScale: options.timeScale,
      parameterOverrides: options.parameterOverrides,
      envVarsFile: options.envVarsFile,
      region: options.region,
      ...(options.profile ? { credentials: this.profiles.credentials(options.profile, options.region) } : {}),
      origin: 'vscode',
    });
    svc.onLog((e) => this.logs.fire(e));
    svc.onDidInvoke((e) => this.invoked.fire({ templatePath, functionName: e.functionName }));
    svc.onWarning((w) => this.warnings.fire(w));
    const engine: Engine = { templatePath, service: svc, variant, fingerprint: made.fingerprint };
    this.engines.set(key, engine);
    if (!own) this.started.fire({ templatePath, service: svc, timeScale: options.timeScale ?? 1, stateRoot: stateLayout(cwd, stateDir).root });
    return engine;
  }

  /** The folder and engine settings a template's engine is made from (Run Pipeline Locally deploys with them). */
  engineSettingsFor(templatePath: string): { cwd: string; options: EngineSettings } {
    const { cwd, options } = this.optionsFor(templatePath, {});
    return { cwd, options };
  }

  /** The engine options for a template now (its folder's settings, the variant over them). */
  private optionsFor(templatePath: string, variant: EngineVariant): { cwd: string; options: EngineSettings; fingerprint: string } {
    const entry = this.entries.find((e) => e.uri.fsPath === templatePath);
    const folder = entry?.folder ?? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(templatePath));
    const cwd = folder?.uri.fsPath ?? path.dirname(templatePath);
    const settings = readSettings(folder);
    const options = engineSettings(settings, cwd, folder ? settings.stateDir(folder) : undefined, variant);
    // Without a region of its own, an engine with a profile runs in the profile's (as the CLI's --profile).
    if (options.profile && !options.region) {
      const region = this.profiles.region(options.profile);
      if (region) options.region = region;
    }
    return { cwd, options, fingerprint: fingerprint(options) };
  }

  /** Live engines (only those already started). */
  running(): readonly LambdaService[] {
    return [...this.engines.values()].map((e) => e.service);
  }

  environmentCount(): number {
    return this.running().reduce((n, s) => n + s.environments().length, 0);
  }

  /** Find templates again and reload every model (template or code changed, settings changed). */
  async refresh(): Promise<void> {
    // New entries are built and loaded completely before they replace the old ones, so a concurrent
    // reader never sees a half-refreshed set.
    this.discovery = this.discover(true);
    await this.discovery;
    this.changed.fire();
  }

  /**
   * Shut every engine down (all environments end); they start again on next use. The models are read
   * again at once (no environment starts for that), so CodeLens and the trees stay as they were.
   */
  async stopAll(): Promise<void> {
    const all = this.running();
    this.engines.clear();
    for (const e of this.entries) {
      e.model = undefined;
      e.error = undefined;
      e.errorAt = undefined;
    }
    await Promise.all(all.map((s) => s.dispose()));
    await Promise.all(this.entries.map((e) => this.load(e)));
    this.changed.fire();
  }

  dispose(): Promise<void> {
    this.changed.dispose();
    this.logs.dispose();
    this.warnings.dispose();
    this.invoked.dispose();
    this.started.dispose();
    const all = this.running();
    this.engines.clear();
    // dispose() signals every process group synchronously before its first await.
    return Promise.all(all.map((s) => s.dispose())).then(() => undefined);
  }

  private async discover(reload = false): Promise<TemplateEntry[]> {
    const found = new Map<string, TemplateEntry>();
    this.profiles.forget();
    await this.profiles.prepare([...(vscode.workspace.workspaceFolders ?? []).map((f) => readSettings(f).profile), ...[...this.engines.values()].map((e) => e.variant.profile?.trim())]);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of readSettings(folder).templateGlobs) {
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), EXCLUDE);
        for (const uri of uris) if (!found.has(uri.fsPath)) found.set(uri.fsPath, { uri, folder });
      }
    }
    const next = [...found.values()].sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
    const retiring: Promise<unknown>[] = [];
    for (const [key, engine] of this.engines) {
      const p = engine.templatePath;
      // A template the globs do not find but a launch configuration named (e.g. debug-template.yaml) keeps
      // its engine until its file is gone; one that was found before and is not any more is retired. An
      // engine whose settings changed (parameter overrides, env-vars file, region, freeze, time scale…) is
      // retired too: the next use makes a new one from the new settings.
      const retired = !found.has(p) && (this.entries.some((e) => e.uri.fsPath === p) || !existsSync(p));
      if (retired || this.optionsFor(p, engine.variant).fingerprint !== engine.fingerprint) {
        this.engines.delete(key);
        retiring.push(engine.service.dispose().catch(() => undefined));
      } else if (reload) {
        await engine.service.reload().catch(() => undefined);
      }
    }
    // Its successor starts on the same state directory: only once the old engine has let go of it.
    await Promise.all(retiring);
    await Promise.all(next.map((e) => this.load(e)));
    this.entries = next;
    this.discovered = true;
    return next;
  }

  /** Loads an entry's model; true when it was not loaded before (a model or an error is new). */
  private async load(entry: TemplateEntry): Promise<boolean> {
    if (entry.model || entry.error) return false;
    try {
      entry.model = await this.serviceFor(entry.uri.fsPath).template();
    } catch (e) {
      entry.error = e instanceof Error ? e.message : String(e);
      entry.errorAt = isWorkbenchError(e) ? { code: e.code, line: e.line, column: e.column } : undefined;
    }
    return true;
  }
}
