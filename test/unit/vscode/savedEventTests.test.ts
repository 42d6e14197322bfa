// Unit (plain node, no vscode; real files in a temp dir): which files are a function's event tests, and when an
// invocation passes one: no function error, and the `<event>.expected.json` result when there is one.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EventStore } from '../../../src/vscode/events/eventStore';
import { eventTests, judge } from '../../../src/vscode/testing/savedEventTests';
import { tempDir } from '../../helpers/tempDirs';

function project(): { dir: string; store: EventStore } {
  const dir = tempDir('lwb-event-tests-');
  for (const [file, text] of [
    ['events/shared.json', '{}'],
    ['fn/events/order.json', '{"id":1}'],
    ['fn/events/order.expected.json', '{"ok":true}'],
    ['fn/events/notes.txt', 'not an event'],
  ]) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return { dir, store: new EventStore(join(dir, '.lambda-workbench')) };
}

test("a function's tests: events/ of the template's folder, then of its own, then its saved events; expectations are no tests", async () => {
  const { dir, store } = project();
  await store.save('Fn', 'from-history', '{"a":1}');
  const tests = await eventTests(dir, join(dir, 'fn'), store, 'Fn');
  assert.deepEqual(tests.map((t) => [t.label, t.origin, t.path.slice(dir.length)]), [
    ['shared', 'events/', '/events/shared.json'],
    ['order', 'events/', '/fn/events/order.json'],
    ['from-history', 'saved', '/.lambda-workbench/events/Fn/from-history.json'],
  ]);
  assert.deepEqual(await eventTests(dir, undefined, store, 'Other'), [{ label: 'shared', path: join(dir, 'events', 'shared.json'), origin: 'events/' }]);
});

test('pass: no function error and no expectation, or a deep-equal result; fail: the error, or the diff', async () => {
  const { dir } = project();
  const order = join(dir, 'fn', 'events', 'order.json');
  const shared = join(dir, 'events', 'shared.json');
  assert.deepEqual(await judge(shared, { payload: Buffer.from('"anything"') }), { passed: true });
  assert.deepEqual(await judge(order, { payload: Buffer.from('{ "ok": true }') }), { passed: true });
  assert.deepEqual(await judge(order, { payload: Buffer.from('{"ok":false}') }), {
    passed: false,
    message: 'The result differs from events/order.expected.json',
    expected: '{\n  "ok": true\n}',
    actual: '{\n  "ok": false\n}',
  });
  const error = await judge(shared, { functionError: 'Unhandled', payload: Buffer.from('{"errorType":"TypeError","errorMessage":"order.id is required","trace":[]}') });
  assert.deepEqual(error, { passed: false, message: 'TypeError: order.id is required' });
  writeFileSync(join(dir, 'fn', 'events', 'order.expected.json'), '{ not json');
  const broken = await judge(order, { payload: Buffer.from('{}') });
  assert.equal(broken.passed, false);
  assert.match((broken as { message: string }).message, /order\.expected\.json is not JSON; fix it or delete it/);
});
