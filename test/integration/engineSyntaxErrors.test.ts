// Integration: a Node.js handler that does not parse comes back as Runtime.UserCodeSyntaxError whose trace (and
// the logged init error) starts with file:line:column, for CommonJS and ES modules and what an ES module imports.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixtures, json, startEngine, type TestEngine } from './helpers/engine';

describe('Node.js syntax errors name the file, line and column', () => {
  let e: TestEngine;
  before(() => {
    e = startEngine(join(fixtures, 'node-syntax'));
  });
  after(() => e.dispose());

  // [function, first trace line: file:line:column (the package's path varies), source line, caret]
  const cases: [string, RegExp, string, string][] = [
    ['Cjs', /^\/\S+\/index\.js:3:18$/, '  const answer = ;', '                 ^'],
    ['CjsDependency', /^\/\S+\/lib\.js:3:18$/, 'exports.other = {;', '                 ^'],
    ['EsmMjs', /^file:\/\/\/\S+\/index\.mjs:3:48$/, 'export const handler = async () => { return 1 +; };', '                                               ^'],
    ['EsmTypeModule', /^file:\/\/\/\S+\/index\.js:3:48$/, 'export const handler = async () => { return 1 +; };', '                                               ^'],
    // A module imported (two imports away) by an ES module handler: Node's stack has no location at all.
    ['EsmDependency', /^file:\/\/\/\S+\/lib\/values\.mjs:3:26$/, 'export const total = [a, ;', '                         ^'],
  ];
  for (const [fn, where, source, caret] of cases) {
    test(`${fn}: payload trace and the logged init error start with file:line:column`, { timeout: 30_000 }, async () => {
      const first = e.logs.length;
      const r = await e.service.invoke(fn, '{}');
      const p = json(r.payload);
      assert.equal(p.errorType, 'Runtime.UserCodeSyntaxError');
      assert.equal(p.errorMessage, "SyntaxError: Unexpected token ';'");
      assert.match(p.trace[0], where);
      assert.deepEqual(p.trace.slice(1, 5), [source, caret, '', "SyntaxError: Unexpected token ';'"]);
      const logged = e.logs.slice(first).map((l) => l.message).find((m) => m.includes('\tUncaught Exception \t'));
      assert.ok(logged, 'an Uncaught Exception line is logged');
      const tail = JSON.parse(logged.slice(logged.indexOf('\t{') + 1)) as { errorType: string; errorMessage: string; stack: string[] };
      assert.deepEqual([tail.errorType, tail.errorMessage, tail.stack.slice(0, 5)], ['Runtime.UserCodeSyntaxError', "SyntaxError: Unexpected token ';'", p.trace.slice(0, 5)]);
    });
  }
});
