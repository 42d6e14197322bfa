// Test helper for the blueprint and application-template tests: the real CLI as a child process, the AWS SDK
// the Node.js runtimes include laid out for the engine, and a run's result held against a manifest's sample event.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import type { BlueprintEvent } from '../../../src/core/blueprints';
import { RuntimeSdk } from '../../../src/core/runtimes/runtimeSdk';
import { repoRoot } from './engine';

export const bin = join(repoRoot, 'bin', 'lambda-workbench.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A command's exit code and output (`command` defaults to the lambda-workbench CLI). */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `lambda-workbench ARGS` in `cwd`. */
export function cli(args: string[], cwd: string): Promise<Run> {
  return run(process.execPath, [bin, ...args], cwd);
}

/**
 * The engine installs the AWS SDK that Lambda's Node.js runtimes include from npm on first need (runtimeSdk
 * tests cover that). Here the repository's own @aws-sdk dev dependencies stand in for it, laid out where the
 * engine looks, so the test does not download them. The cache goes under out/, not the temp folder: isolated
 * functions do not see other engines' folders there.
 */
export function provideRuntimeSdk(): void {
  const cache = mkdtempSync(join(repoRoot, 'out', 'blueprints-cache-'));
  after(() => rmSync(cache, { recursive: true, force: true }));
  process.env.LAMBDA_WORKBENCH_CACHE_DIR = cache;
  const dir = new RuntimeSdk({}, () => {}).nodeDir;
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, '.complete'), 'test');
}

/** An invocation's result (exit 1 and the error payload for a function error) against the event's expectation. */
export function assertResult(what: string, ev: BlueprintEvent, r: Run): void {
  const label = `${what} ${ev.file}\n${r.stderr.slice(0, 1500)}`;
  if (ev.expectedError) {
    assert.equal(r.code, 1, `expected a function error: ${label}`);
    const err = JSON.parse(r.stdout) as { errorType: string; errorMessage: string };
    assert.deepEqual({ errorType: err.errorType, errorMessage: err.errorMessage }, ev.expectedError, label);
    return;
  }
  assert.equal(r.code, 0, label);
  if (ev.expectedText !== undefined) assert.equal(r.stdout, ev.expectedText, label);
  else assert.deepEqual(JSON.parse(r.stdout), ev.expected, label);
}
