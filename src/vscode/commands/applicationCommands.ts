// vscode layer: New Application from Template… — an application template, a parent folder, a name; core copies it
// into a new folder, which becomes a git repository with a first commit (the real git CLI; without git the
// folder is left as it is, and the user is told), then the folder opens.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applicationNameProblem, createApplication, initGitRepository, listApplications, type Application, type GitInitResult } from '../../core/blueprints';
import type { Prompts } from '../blueprints/prompts';
import { COMMANDS } from '../ids';
import { blueprintsRootOf } from './blueprintCommands';
import { guarded, type CommandDeps } from './targets';

export interface NewApplicationOptions {
  /** false: do not open the folder (the VS Code tests, which cannot follow into another window). */
  open?: boolean;
}

export interface NewApplicationOutcome {
  dir: string;
  files: string[];
  /** What git did: a first commit, no git on PATH, or the message of the step that failed. */
  git: GitInitResult | { status: 'failed'; message: string };
  /** How the folder was opened: in this (empty) window, a new one, or not at all. */
  opened: 'this window' | 'new window' | 'no';
}

async function pickApplication(prompts: Prompts, root: string): Promise<Application | undefined> {
  const apps = await listApplications(root);
  if (!apps.length) throw new Error(`No application templates under ${path.join(root, 'apps')}; reinstall Lambda Workbench.`);
  const pick = await prompts.quickPick(
    apps.map((app) => ({ label: app.manifest.name, description: `${app.manifest.functions.length} functions · ${app.manifest.runtimes.join(', ')}`, detail: app.manifest.description, app })),
    { title: 'New Application from Template', placeHolder: 'Choose an application template (functions, resources, tests and a CI/CD pipeline)', matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.app;
}

/** `git init`, add, first commit; a missing git or a failed step is told, and the new folder stays as it is. */
async function commitFirst(dir: string, app: Application): Promise<NewApplicationOutcome['git']> {
  try {
    const git = await initGitRepository(dir, { message: `New application from template "${app.manifest.name}" (Lambda Workbench)` });
    if (git.status === 'git-missing') void vscode.window.showWarningMessage(`Lambda: git was not found on PATH, so ${path.basename(dir)} is not a git repository yet. Install git, then run "git init" there (the local pipeline runs on commits).`);
    return git;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showWarningMessage(`Lambda: the application was created, but ${message}`);
    return { status: 'failed', message };
  }
}

export function registerApplicationCommands(deps: CommandDeps, prompts: Prompts, extensionPath: string): vscode.Disposable {
  const { logs } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.newApplicationFromTemplate, guarded(logs, async (opts?: NewApplicationOptions): Promise<NewApplicationOutcome | undefined> => {
      const app = await pickApplication(prompts, blueprintsRootOf(extensionPath));
      if (!app) return undefined;
      const folders = vscode.workspace.workspaceFolders ?? [];
      // Beside the open folder, by default: a new application is a project of its own.
      const near = folders.length ? path.dirname(folders[0].uri.fsPath) : os.homedir();
      const parent = await prompts.openFolder({ title: `Parent folder of the new ${app.manifest.name} application`, defaultUri: vscode.Uri.file(near), openLabel: 'Create the Application Here' });
      if (!parent) return undefined;
      const name = await prompts.inputBox({
        title: `Name of the new ${app.manifest.name} application`,
        prompt: `A new folder in ${parent.fsPath} (lower-case letters, digits and dashes)`,
        value: app.manifest.name,
        validateInput: (v) => applicationNameProblem(parent.fsPath, v),
      });
      if (!name) return undefined;
      const created = await createApplication({ app, dir: path.join(parent.fsPath, name), name });
      const git = await commitFirst(created.dir, app);
      logs.info(`Created application ${name} from template "${app.manifest.name}" in ${created.dir} (${created.files.length} files${git.status === 'committed' ? `, first commit ${git.commit.slice(0, 7)}` : ''}). Next: ${created.nextCommands.join('; ')}`);
      const empty = !folders.length && !vscode.workspace.workspaceFile;
      const opened = opts?.open === false ? 'no' : empty ? 'this window' : 'new window';
      if (opened !== 'no') await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(created.dir), { forceNewWindow: opened === 'new window' });
      return { dir: created.dir, files: created.files, git, opened };
    })),
  );
}
