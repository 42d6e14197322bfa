// Unit (plain node, no vscode): package.json's contributions and src/vscode/ids.ts agree both ways:
// every command id is contributed and every contributed command/view/menu entry is known.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS, TREE_ITEMS, VIEW_CONTAINER, VIEWS } from '../../../src/vscode/ids';

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const ids = Object.values(COMMANDS).sort();

test('every command in ids.ts is contributed, and every contributed command is in ids.ts', () => {
  const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
  assert.deepEqual(contributed, ids);
});

test('commands are named lambdaWorkbench.<noun>.<verb> and carry the Lambda category', () => {
  for (const c of pkg.contributes.commands as { command: string; category: string; title: string }[]) {
    assert.match(c.command, /^lambdaWorkbench\.[a-z]+\.[a-zA-Z]+$/);
    assert.equal(c.category, 'Lambda', c.command);
    assert.ok(c.title.length > 0);
  }
});

test('every menu entry names a known command, and view/item menus use known views and item kinds', () => {
  const known = new Set<string>(ids);
  const itemKinds = new Set<string>(Object.values(TREE_ITEMS));
  const viewIds = new Set<string>(Object.values(VIEWS));
  for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, { command: string; when?: string }[]>)) {
    for (const e of entries) {
      assert.ok(known.has(e.command), `${menu}: unknown command ${e.command}`);
      for (const m of (e.when ?? '').matchAll(/viewItem == (\w+)/g)) assert.ok(itemKinds.has(m[1]), `${menu}: unknown viewItem ${m[1]}`);
      for (const m of (e.when ?? '').matchAll(/view == ([\w.]+)/g)) assert.ok(viewIds.has(m[1]), `${menu}: unknown view ${m[1]}`);
    }
  }
});

test('views and the container in package.json match ids.ts', () => {
  assert.deepEqual(pkg.contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id), [VIEW_CONTAINER]);
  const views = (pkg.contributes.views[VIEW_CONTAINER] as { id: string }[]).map((v) => v.id).sort();
  assert.deepEqual(views, Object.values(VIEWS).sort());
});

test('every registerCommand in src/vscode uses an id from COMMANDS, and every id is registered', () => {
  const dir = join(root, 'src', 'vscode');
  const sources = [...readdirSync(join(dir, 'commands')).filter((f) => f.endsWith('.ts')).map((f) => join('commands', f)), 'history/historyCommands.ts', 'api/localLambdaApi.ts', 'environments/environmentCommands.ts']
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const registered = [...sources.matchAll(/registerCommand\(COMMANDS\.(\w+)/g)].map((m) => COMMANDS[m[1] as keyof typeof COMMANDS]).sort();
  assert.equal(/registerCommand\('/.test(sources), false, 'register commands through COMMANDS, not string literals');
  assert.deepEqual(registered, ids);
});

test('Restricted Mode: limited support; every command that runs workspace code needs trust; path settings are restricted', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  const runs = [COMMANDS.invoke, COMMANDS.invokeWithEvent, COMMANDS.debug, COMMANDS.debugWithEvent, COMMANDS.packageFunction, COMMANDS.invokeAsync, COMMANDS.publishLayerVersion, COMMANDS.publishVersion, COMMANDS.apiStart, COMMANDS.deploy];
  const byId = new Map((pkg.contributes.commands as { command: string; enablement?: string }[]).map((c) => [c.command, c]));
  for (const id of runs) assert.match(byId.get(id)?.enablement ?? '', /\bisWorkspaceTrusted\b/, id);
  const props = Object.keys(pkg.contributes.configuration.properties as Record<string, unknown>);
  for (const s of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations as string[]) assert.ok(props.includes(s), s);
  assert.ok((pkg.capabilities.untrustedWorkspaces.restrictedConfigurations as string[]).includes('lambdaWorkbench.runtimes.interpreters'));
});

test('the YAML extension is told about CloudFormation tags; the Testing category, with saved events in the Testing view', () => {
  const tags = pkg.contributes.configurationDefaults['yaml.customTags'] as string[];
  for (const t of ['!Ref scalar', '!Sub scalar', '!GetAtt scalar', '!If sequence', '!Join sequence']) assert.ok(tags.includes(t), t);
  assert.ok((pkg.categories as string[]).includes('Testing'));
  assert.match(readFileSync(join(root, 'src', 'vscode', 'testing', 'savedEventTestController.ts'), 'utf8'), /vscode\.tests\.createTestController\(TEST_CONTROLLER/);
});
