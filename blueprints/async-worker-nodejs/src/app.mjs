// Invoked asynchronously (InvocationType Event). Lambda retries a failed event twice (EventInvokeConfig),
// then sends it with the error to the on-failure destination, the FailedJobsQueue.
class UnknownJobError extends Error {
  name = 'UnknownJobError';
}

const jobs = {
  thumbnail: ({ image, width = 128 }) => ({ output: image.replace(/(\.\w+)$/, `-${width}w$1`), width }),
};

export const handler = async (event) => {
  const run = jobs[event.type];
  if (!run) throw new UnknownJobError(`No job type "${event.type}" (job ${event.jobId})`);
  const result = run(event);
  console.log(`job ${event.jobId} done: ${JSON.stringify(result)}`);
  return { jobId: event.jobId, status: 'done', ...result };
};
