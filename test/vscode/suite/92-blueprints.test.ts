// VS Code test tier: New Function from Blueprint… and New Application from Template…, driven through their
// commands with every quick pick, input box and folder dialog answered as a user would (keys, once the prompt is
// announced as shown). The function lands in template.yaml (comments kept), the tree and an editor, and runs;
// the application becomes a folder with a git repository of one commit. Opening that folder is the one step
// skipped (`{ open: false }`): it would leave this window, and the test with it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InitResult } from '../../../src/core/blueprints';
import type { NewApplicationOutcome } from '../../../src/vscode/commands/applicationCommands';
import type { InvokeOutcome } from '../../../src/vscode/commands/invokeCommands';
import { COMMANDS } from '../../../src/vscode/ids';
import { api, mainTemplate, waitFor, workspaceRoot } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One expected prompt: its title, and how many items down from the first to accept (0: Enter at once). */
interface Answer { title: string | RegExp; down?: number }

/**
 * Answers the prompts the command shows, in order: each title must be the expected one; the keys go once the
 * prompt was asked for (plus a moment for the workbench to render it). Resolves with the titles seen.
 */
async function answering<T>(run: () => Thenable<T>, answers: Answer[]): Promise<{ result: T; titles: string[] }> {
  const a = await api();
  const titles: string[] = [];
  let chain = Promise.resolve();
  const sub = a.prompts.onDidShow((title) => {
    const answer = answers[titles.length];
    titles.push(title);
    chain = chain.then(async () => {
      if (!answer) return;
      await sleep(700);
      for (let i = 0; i < (answer.down ?? 0); i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    });
  });
  try {
    const result = await run();
    await chain;
    assert.equal(titles.length, answers.length, `prompts seen: ${titles.join(' | ')}`);
    titles.forEach((t, i) => (typeof answers[i].title === 'string' ? assert.equal(t, answers[i].title) : assert.match(t, answers[i].title as RegExp)));
    return { result, titles };
  } finally {
    sub.dispose();
  }
}

describe('blueprints', () => {
  it('New Function from Blueprint… adds the function to template.yaml (comments kept), opens its handler, shows it in the tree, and it runs', async function () {
    this.timeout(120_000);
    const a = await api();
    const root = workspaceRoot();
    const original = readFileSync(mainTemplate(), 'utf8');
    try {
      const { result: r } = await answering(() => vscode.commands.executeCommand<InitResult>(COMMANDS.newFunctionFromBlueprint), [
        { title: 'New Function from Blueprint' }, // the first: hello-world-nodejs (Node.js (JavaScript), source api)
        { title: 'Add the function to which template?' }, // the root template.yaml first, then services/orders/template.yaml
        { title: 'Name of the hello-world-nodejs function' }, // its default: HelloWorldFunction
      ]);
      assert.ok(r, 'the command returned its result (see the Lambda output for an error)');
      assert.equal(r.mode, 'added');
      assert.equal(r.templatePath, mainTemplate());
      assert.equal(r.functionId, 'HelloWorldFunction');
      assert.equal(r.handlerPath, path.join(root, 'hello-world-function', 'app.mjs'));

      const text = readFileSync(mainTemplate(), 'utf8');
      assert.ok(text.startsWith(original.split('\nResources:\n')[0]), 'the header, Globals and the rest above Resources are as they were');
      for (const comment of original.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(text.includes(comment), `comment kept: ${comment}`);
      assert.match(text, /\n {2}HelloWorldFunction:\n {4}Type: AWS::Serverless::Function\n {4}Properties:\n {6}CodeUri: hello-world-function\/\n/);

      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, r.handlerPath, 'the handler is open');
      const selected = await waitFor('the new function selected in the Functions tree', () => {
        const node = a.views.functionsView.selection[0];
        return node?.kind === 'function' && node.fn.logicalId === 'HelloWorldFunction' ? node : undefined;
      });
      assert.equal(selected?.kind === 'function' && selected.templatePath, mainTemplate());
      const roots = await a.views.functions.getChildren();
      const main = roots.find((n) => n.kind === 'template' && n.entry.uri.fsPath === mainTemplate());
      assert.ok(main);
      const ids = (await a.views.functions.getChildren(main)).map((n) => (n.kind === 'function' ? n.fn.logicalId : n.kind));
      assert.deepEqual(ids, ['Hello', 'Fails', 'PyHello', 'HelloWorldFunction']);

      const out = await vscode.commands.executeCommand<InvokeOutcome>(COMMANDS.invokeWithEvent, { templatePath: mainTemplate(), logicalId: 'HelloWorldFunction' }, { eventPath: path.join(root, r.events[0]) });
      assert.equal(out?.result.status, 'success', out?.payload);
      assert.deepEqual(JSON.parse(out.payload), { statusCode: 200, body: '{"message":"hello world","invocations":1,"path":"/hello"}' });
    } finally {
      writeFileSync(mainTemplate(), original);
      rmSync(path.join(root, 'hello-world-function'), { recursive: true, force: true });
      rmSync(path.join(root, 'events', 'HelloWorldFunction'), { recursive: true, force: true });
      await vscode.commands.executeCommand(COMMANDS.refresh);
      // The UI checks that follow open this window's layout again: no editor of a removed file, the Explorer in front.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('workbench.view.explorer');
    }
    assert.ok(!(await a.services.functions()).some((f) => f.fn.logicalId === 'HelloWorldFunction'), 'the fixture template is back as it was');
  });

  it('New Application from Template… creates the folder from the first template, a git repository with one commit', async function () {
    this.timeout(120_000);
    const parent = path.dirname(workspaceRoot()); // the folder dialog opens beside the workspace folder: accepted as it is
    const { result: out } = await answering(() => vscode.commands.executeCommand<NewApplicationOutcome>(COMMANDS.newApplicationFromTemplate, { open: false }), [
      { title: 'New Application from Template' },
      { title: /^Parent folder of the new [a-z0-9-]+ application$/ },
      { title: /^Name of the new [a-z0-9-]+ application$/ },
    ]);
    assert.ok(out, 'the command returned its outcome (see the Lambda output for an error)');
    try {
      assert.equal(path.dirname(out.dir), parent);
      assert.equal(out.opened, 'no');
      assert.ok(out.files.includes('template.yaml') && existsSync(path.join(out.dir, 'template.yaml')), out.files.join(', '));
      assert.equal(out.git.status, 'committed', JSON.stringify(out.git));
      const git = (...args: string[]) => execFileSync('git', args, { cwd: out.dir, encoding: 'utf8' }).trim();
      assert.equal(git('rev-list', '--count', 'HEAD'), '1');
      assert.equal(out.git.status === 'committed' && out.git.commit, git('rev-parse', 'HEAD'));
      assert.equal(git('status', '--porcelain'), '', 'every file is in the first commit');
      assert.deepEqual(git('ls-files').split('\n').sort(), [...out.files].sort());
    } finally {
      rmSync(out.dir, { recursive: true, force: true });
    }
  });
});
