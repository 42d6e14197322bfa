// Malformed templates fail with the exact code, message, file, line and column.
import { test } from 'node:test';
import { loadTemplate } from '../../../src/core/template/index';
import { fixture, rejectsWith } from './helpers';

const RUNTIMES = 'nodejs22.x, nodejs24.x, python3.12, python3.13, python3.14, provided.al2023';

void test('bad YAML indentation reports file:line:column', async () => {
  const dir = fixture('malformed', 'bad-yaml-indent');
  await rejectsWith(loadTemplate({ cwd: dir }), {
    code: 'TEMPLATE_SYNTAX',
    message: 'Template is not valid YAML; fix the syntax at template.yaml:8:1: All mapping items must start at the same column',
    file: `${dir}/template.yaml`,
    line: 8,
    column: 1,
  });
});

void test('bad JSON reports the line and column computed from the parse position', async () => {
  const dir = fixture('malformed', 'bad-json');
  await rejectsWith(loadTemplate({ cwd: dir }), {
    code: 'TEMPLATE_SYNTAX',
    message: "Template is not valid JSON; fix the syntax at template.json:7:9: expected ',' or '}'",
    file: `${dir}/template.json`,
    line: 7,
    column: 9,
  });
});

void test('an unknown runtime names the function, the line and the runtimes to use', async () => {
  const dir = fixture('malformed', 'unknown-runtime');
  await rejectsWith(loadTemplate({ cwd: dir }), {
    code: 'UNKNOWN_RUNTIME',
    message: `Unknown runtime "nodejs20" for function "HelloFunction" (template.yaml:11). Lambda has no such runtime; did you mean nodejs20.x? Use one of: ${RUNTIMES}`,
    file: `${dir}/template.yaml`,
    line: 11,
    column: 7,
  });
});

void test('a missing CodeUri folder is CODE_URI_NOT_FOUND with the resolved path last', async () => {
  const dir = fixture('malformed', 'missing-codeuri');
  await rejectsWith(loadTemplate({ cwd: dir }), {
    code: 'CODE_URI_NOT_FOUND',
    message: `CodeUri of function "HelloFunction" does not exist (template.yaml:9). Create it or fix the path (relative to the template folder): ${dir}/does-not-exist`,
    file: `${dir}/template.yaml`,
    line: 9,
    column: 7,
  });
});

void test('an unresolvable Ref names the reference, the function and the position of the name', async () => {
  const dir = fixture('malformed', 'unresolved-ref');
  await rejectsWith(loadTemplate({ cwd: dir }), {
    code: 'UNRESOLVED_REFERENCE',
    message: 'Unresolved reference "MissingTable" in function "HelloFunction" (template.yaml:12). Declare it under Parameters or Resources, or fix the name',
    file: `${dir}/template.yaml`,
    line: 12,
    column: 28,
  });
});

void test('a reserved environment variable is INVALID_PARAMETER naming it', async () => {
  const dir = fixture('malformed', 'reserved-env');
  await rejectsWith(loadTemplate({ cwd: dir }), {
    code: 'INVALID_PARAMETER',
    message: 'Environment variable "AWS_REGION" is reserved by Lambda in function "HelloFunction" (template.yaml:13). Rename it: names match [a-zA-Z][a-zA-Z0-9_]+ and must not be one Lambda sets itself (AWS_REGION, _HANDLER, …)',
    file: `${dir}/template.yaml`,
    line: 13,
    column: 11,
  });
});

void test('an explicit --template that does not exist is TEMPLATE_NOT_FOUND', async () => {
  const dir = fixture('malformed');
  await rejectsWith(loadTemplate({ cwd: dir, templatePath: 'nope/template.yaml' }), {
    code: 'TEMPLATE_NOT_FOUND',
    message: `Template file does not exist; check --template: ${dir}/nope/template.yaml`,
    file: `${dir}/nope/template.yaml`,
  });
});
