// Unit: the poll spinner keeps the event loop turning only while progress is reported, and never after stop().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { PollSpinner } from '../../../src/core/packaging/pollSpinner';

const immediates = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;

test('progress() starts one turning loop (not one per call); stop() ends it', async () => {
  const spinner = new PollSpinner(() => 0); // a clock that stands still: progress is always recent
  assert.equal(immediates(), 0);
  spinner.progress();
  spinner.progress();
  assert.equal(immediates(), 1);
  await turn();
  await turn();
  assert.equal(immediates(), 1, 'still turning while progress is recent');
  spinner.stop();
  await turn();
  await turn();
  assert.equal(immediates(), 0);
  spinner.progress();
  assert.equal(immediates(), 0, 'a stopped spinner does not start again');
});

test('without progress it stops turning by itself, and progress starts it again', async () => {
  const clock = { t: 0 };
  const spinner = new PollSpinner(() => clock.t);
  spinner.progress();
  await turn();
  assert.equal(immediates(), 1);
  clock.t += 21; // past its idle limit (20 ms) without progress
  await turn();
  await turn();
  assert.equal(immediates(), 0, 'the loop may sleep again: nothing keeps turning it');
  spinner.progress();
  assert.equal(immediates(), 1);
  spinner.stop();
  await turn();
  await turn();
  assert.equal(immediates(), 0);
});

/** Reports `n` entries, each taking `ms` on the spinner's clock. */
function entries(spinner: PollSpinner, clock: { t: number }, n: number, ms: number): void {
  for (let i = 0; i < n; i++) {
    clock.t += ms;
    spinner.progress();
    spinner.entryDone();
  }
}

test('it measures turning against sleeping and keeps to the faster way, measuring again later', async () => {
  const clock = { t: 0 };
  const spinner = new PollSpinner(() => clock.t);
  entries(spinner, clock, 128, 0.1); // warm-up window: turning
  assert.equal(spinner.isTurning, true);
  entries(spinner, clock, 128, 0.2); // turning measured: 25.6 ms
  await turn();
  assert.equal(spinner.isTurning, false, 'sleeping is measured next');
  entries(spinner, clock, 128, 0.1); // sleeping measured: 12.8 ms, the faster
  await turn();
  spinner.progress();
  assert.equal(spinner.isTurning, false, 'sleeping kept');
  entries(spinner, clock, 16 * 128, 0.1); // the kept windows
  spinner.progress();
  assert.equal(spinner.isTurning, true, 'turning measured again');
  entries(spinner, clock, 128, 0.1); // turning: 12.8 ms
  entries(spinner, clock, 128, 0.2); // sleeping: 25.6 ms
  spinner.progress();
  assert.equal(spinner.isTurning, true, 'turning kept');
  spinner.stop();
  await turn();
  await turn();
  assert.equal(spinner.isTurning, false);
});
