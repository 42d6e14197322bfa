// Unit: the poll spinner keeps the event loop turning only while progress is reported, and never after stop().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { PollSpinner } from '../../../src/core/packaging/pollSpinner';

const immediates = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;

test('progress() starts one turning loop (not one per call); stop() ends it', async () => {
  const spinner = new PollSpinner();
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
  const spinner = new PollSpinner();
  spinner.progress();
  await new Promise((resolve) => setTimeout(resolve, 60)); // past its idle limit (20 ms)
  await turn();
  assert.equal(immediates(), 0, 'the loop may sleep again: nothing keeps turning it');
  spinner.progress();
  assert.equal(immediates(), 1);
  spinner.stop();
  await turn();
  await turn();
  assert.equal(immediates(), 0);
});
