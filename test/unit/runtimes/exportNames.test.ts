// Export names read from a module's text, for the "handler not exported" diagnosis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportNames } from '../../../src/core/runtimes/nodejs/exportNames';

void test('CommonJS: exports.x, module.exports.x, module.exports = { … }, defineProperty', () => {
  assert.deepEqual(exportNames('exports.handler = async () => 1;\nmodule.exports.VERSION = "1";\nObject.defineProperty(exports, "lazy", { get() {} });'), ['VERSION', 'handler', 'lazy']);
  assert.deepEqual(exportNames('module.exports = { main, other: () => 1, "quoted": 2, method() {} };'), ['main', 'method', 'other', 'quoted']);
  assert.deepEqual(exportNames('if (a == exports.b) {}'), []);
});

void test('ES modules: declarations, lists with renames, default', () => {
  const src = 'export const handler = async () => 1;\nexport async function other() {}\nexport class K {}\nconst a = 1, b = 2;\nexport { a, b as renamed };\nexport default handler;';
  assert.deepEqual(exportNames(src), ['K', 'a', 'handler', 'other', 'renamed', 'default']);
});

void test("esbuild's CommonJS output (__export) is read too", () => {
  const src = 'var app_exports = {};\n__export(app_exports, {\n  lambdaHandler: () => lambdaHandler\n});\nmodule.exports = __toCommonJS(app_exports);';
  assert.deepEqual(exportNames(src), ['lambdaHandler']);
});
