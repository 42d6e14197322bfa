// Integration: a timed-out init is retried inside the first invocation ("suppressed init", lambda-semantics.md
// §2.1) also under load. 50 environments cold-start at once and each one's first init ends just past the init
// limit, so the killed runtime's last GET /next is in flight while the engine resets the environment; it must
// not take the event meant for the retry's runtime (issue 9, item 2).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fixtures, json, startEngine } from './helpers/engine';

const CONCURRENCY = 50;
/** Must match INIT_LIMIT_MS in test/fixtures/runtime-api/template.yaml. */
const INIT_LIMIT_MS = 1000;

describe('init timeout retried under load', () => {
  test(`${CONCURRENCY} concurrent cold starts whose first init overruns the limit: every invoke succeeds on the retry`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lwb-init-retry-'));
    const markers = join(dir, 'markers');
    mkdirSync(markers);
    const envVarsFile = join(dir, 'env-vars.json');
    writeFileSync(envVarsFile, JSON.stringify({ SlowFirstInit: { MARKER_DIR: markers } }));
    // The state directory shares the temp folder with the markers: inside namespaces /tmp is private, and the
    // engine binds back only what the environment runs from (its state directory's top folder under /tmp).
    const e = startEngine(join(fixtures, 'runtime-api'), { envVarsFile, initTimeoutMs: INIT_LIMIT_MS, maxEnvironmentsPerFunction: CONCURRENCY, stateDir: join(dir, 'state') });
    try {
      const results = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => e.service.invoke('SlowFirstInit', JSON.stringify({ i }))));
      const messages = e.logs.map((l) => l.message);
      const failures = results.filter((r) => r.status !== 'success').map((r) => `${r.requestId}: ${r.status} ${r.payload.toString()}`);
      assert.equal(failures.length, 0, `${failures.length} of ${CONCURRENCY} failed, e.g.\n${failures.slice(0, 3).join('\n')}`);
      assert.deepEqual(results.map((r) => json(r.payload).event), results.map((_, i) => ({ i })));
      assert.deepEqual(messages.filter((m) => m.includes('Runtime.ExitError')), []);
      // Every environment ran its first init (one marker each)...
      assert.equal(readdirSync(markers).length, CONCURRENCY);
      // ...which ended after the limit: each one timed out, and each invocation was served by the retry's runtime.
      const timedOut = messages.filter((m) => /^INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: timeout$/.test(m));
      assert.equal(timedOut.length, CONCURRENCY);
      assert.deepEqual(results.filter((r) => json(r.payload).firstInit !== false), []);
      assert.deepEqual(messages.filter((m) => /Phase: invoke/.test(m)), [], 'no retry failed');
    } finally {
      await e.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
