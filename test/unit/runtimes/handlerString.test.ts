// Unit: Node.js handler strings split as the runtime interface client splits them (lambda-semantics.md §3.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHandlerString } from '../../../src/core/runtimes/nodejs/bootstrap/handlerResolver';

test('module and export', () => {
  assert.deepEqual(parseHandlerString('index.handler'), { moduleRoot: '', moduleName: 'index', propertyPath: 'handler' });
});

test('nested folders and a dotted export path: the last segment splits at its first dot', () => {
  assert.deepEqual(parseHandlerString('src/handlers/deep/app.handlers.main'), { moduleRoot: 'src/handlers/deep/', moduleName: 'app', propertyPath: 'handlers.main' });
});

test('a module name without extension and an empty export path', () => {
  assert.deepEqual(parseHandlerString('app.'), { moduleRoot: '', moduleName: 'app', propertyPath: '' });
});

test('no dot, or "..", is a malformed handler name', () => {
  assert.throws(() => parseHandlerString('index'), { name: 'Runtime.MalformedHandlerName', message: 'Bad handler' });
  assert.throws(() => parseHandlerString('../x/index.handler'), { name: 'Runtime.MalformedHandlerName', message: /is not a valid handler name/ });
});
