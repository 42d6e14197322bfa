// Unit: buildspec.yml as the local pipeline reads it — env (variables, shell), the four phases in CodeBuild's
// order with commands, finally and on-failure, CodeBuild's phase transitions after a failure, CodeBuild's own
// variables, and each malformed buildspec as a BUILDSPEC_INVALID error naming the file, the line and the fix.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkbenchError } from '../../../src/core/common/errors';
import { codebuildVariables, continuesAfterFailure } from '../../../src/core/pipeline/buildStage';
import { parseBuildspec } from '../../../src/core/pipeline/buildspec';
import { phaseScript } from '../../../src/core/pipeline/phaseRunner';

const full = `version: 0.2
env:
  shell: bash
  variables:
    STAGE: test
    RETRIES: 3
    EMPTY:
  parameter-store:
    TOKEN: /my/token
phases:
  post_build:
    commands:
      - echo done
  build:
    on-failure: CONTINUE
    commands:
      - npm test
      - "echo \\"a: b\\""
    finally:
      - echo cleanup
  install:
    runtime-versions:
      nodejs: 20
    commands:
      - npm ci
artifacts:
  files: ['**/*']
`;

/** The BUILDSPEC_INVALID error `text` raises (fails the test when it parses). */
function invalid(text: string): WorkbenchError {
  try {
    parseBuildspec(text, 'buildspec.yml');
  } catch (e) {
    assert.ok(e instanceof WorkbenchError, String(e));
    assert.equal(e.code, 'BUILDSPEC_INVALID');
    assert.equal(e.file, 'buildspec.yml');
    return e;
  }
  assert.fail(`parsed without an error:\n${text}`);
}

describe('buildspec parser', () => {
  test('env, phases in CodeBuild order, commands, finally, on-failure; cloud-only settings become warnings', () => {
    const spec = parseBuildspec(full, 'buildspec.yml');
    assert.equal(spec.shell, 'bash');
    assert.deepEqual(spec.variables, { STAGE: 'test', RETRIES: '3', EMPTY: '' });
    assert.deepEqual(spec.phases, [
      { name: 'install', commands: ['npm ci'], finally: [], onFailure: undefined },
      { name: 'build', commands: ['npm test', 'echo "a: b"'], finally: ['echo cleanup'], onFailure: 'CONTINUE' },
      { name: 'post_build', commands: ['echo done'], finally: [], onFailure: undefined },
    ]);
    assert.deepEqual(spec.warnings, [
      'buildspec.yml: "artifacts" is a CodeBuild cloud setting; ignored by the local pipeline',
      'buildspec.yml: env "parameter-store" needs CodeBuild\'s cloud; ignored by the local pipeline',
      'buildspec.yml: install runtime-versions select CodeBuild image runtimes; the local pipeline uses the tools on your PATH',
    ]);
  });

  test('defaults: /bin/sh, no variables, version given as a string', () => {
    const spec = parseBuildspec("version: '0.2'\nphases:\n  build:\n    commands: [make]\n", 'b.yml');
    assert.equal(spec.shell, '/bin/sh');
    assert.deepEqual(spec.variables, {});
    assert.deepEqual(spec.phases.map((p) => p.name), ['build']);
  });

  test('each malformed buildspec is a coded error with its line and what to do', () => {
    const cases: [string, RegExp][] = [
      ['version: 0.2\nphases:\n  build:\n    commands:\n      - echo: oops\n', /^buildspec\.yml:5: command 1 of "phases\.build\.commands" is not a string\. Quote the command/],
      ['version: 0.1\nphases:\n  build:\n    commands: [make]\n', /^buildspec\.yml:1: version 0\.1 is not supported\. Use "version: 0\.2"/],
      ['phases:\n  build:\n    commands: [make]\n', /no "version"\. Add "version: 0\.2"/],
      ['version: 0.2\n', /no "phases"/],
      ['version: 0.2\nphases:\n  compile:\n    commands: [make]\n', /^buildspec\.yml:3: unknown phase "compile"\. The phases are install, pre_build, build, post_build$/],
      ['version: 0.2\nphases:\n  build:\n    on-failure: RETRY\n    commands: [make]\n', /^buildspec\.yml:4: on-failure "RETRY" of phase "build" is not run locally\. Use ABORT or CONTINUE$/],
      ['version: 0.2\nphases:\n  build:\n    commands: make\n', /^buildspec\.yml:4: "phases\.build\.commands" is not a list/],
      ['version: 0.2\nenv:\n  shell: powershell.exe\nphases:\n  build:\n    commands: [make]\n', /^buildspec\.yml:3: env\.shell "powershell\.exe" is not a Linux shell CodeBuild offers\. Use "bash" or "\/bin\/sh"$/],
      ['version: 0.2\nenv:\n  variables:\n    1BAD: x\nphases:\n  build:\n    commands: [make]\n', /^buildspec\.yml:4: env\.variables name "1BAD" is not a shell variable name/],
      ['version: 0.2\nenv:\n  variables:\n    LIST: [a, b]\nphases:\n  build:\n    commands: [make]\n', /^buildspec\.yml:4: env\.variables "LIST" is not a string/],
      ['version: 0.2\nphases:\n  build:\n    comands: [make]\n', /^buildspec\.yml:4: unknown key "comands" in phase "build"/],
      ['version: 0.2\nphase:\n  build: {}\n', /^buildspec\.yml:2: unknown key "phase"/],
      ['version: 0.2\nphases:\n  build:\n    commands: [make\n', /^buildspec\.yml:\d+: not valid YAML: /],
      ['- just\n- a list\n', /a buildspec is a YAML map/],
      ['version: 0.2\nphases:\n  build:\n', /no phase has commands/],
    ];
    for (const [text, expected] of cases) assert.match(invalid(text).message, expected, text);
    assert.equal(invalid('version: 0.2\nphases:\n  build:\n    commands:\n      - echo: oops\n').line, 5);
  });
});

describe('phase transitions and variables', () => {
  const phase = (name: 'install' | 'pre_build' | 'build' | 'post_build', onFailure?: 'ABORT' | 'CONTINUE') => ({ name, commands: [], finally: [], onFailure });

  test("CodeBuild's transitions: a failed install or pre_build ends the build; a failed build still runs post_build", () => {
    assert.deepEqual(['install', 'pre_build', 'build', 'post_build'].map((n) => continuesAfterFailure(phase(n as 'build'))), [false, false, true, false]);
  });

  test('on-failure replaces them: ABORT stops after any phase, CONTINUE goes on after any phase', () => {
    assert.equal(continuesAfterFailure(phase('build', 'ABORT')), false);
    assert.equal(continuesAfterFailure(phase('install', 'CONTINUE')), true);
    assert.equal(continuesAfterFailure(phase('pre_build', 'CONTINUE')), true);
  });

  test('CODEBUILD_* variables name the checkout, the commit and the build, and whether it is succeeding', () => {
    const v = codebuildVariables({ srcDir: '/tmp/x/src', commit: 'abc123', buildId: 'lambda-workbench-pipeline:1' }, false, 42);
    assert.equal(v.CODEBUILD_SRC_DIR, '/tmp/x/src');
    assert.equal(v.CODEBUILD_RESOLVED_SOURCE_VERSION, 'abc123');
    assert.equal(v.CODEBUILD_BUILD_ID, 'lambda-workbench-pipeline:1');
    assert.equal(v.CODEBUILD_BUILD_SUCCEEDING, '0');
    assert.equal(codebuildVariables({ srcDir: '', commit: '', buildId: '' }, true, 0).CODEBUILD_BUILD_SUCCEEDING, '1');
  });

  test("the session script quotes each command for eval, so quotes and $ reach the shell as written", () => {
    const script = phaseScript({ name: 'build', commands: [`echo 'it''s' "$HOME"`], finally: ['true'] }, 'N');
    assert.ok(script.startsWith('exec 2>&1\n'), script);
    assert.ok(script.includes(`eval 'echo '\\''it'\\'''\\''s'\\'' "$HOME"'`), script);
    assert.ok(script.includes("'N:start:finally:0'"), script);
  });
});
