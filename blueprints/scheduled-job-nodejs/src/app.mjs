// Runs on a schedule. event.time is when the run was due (not when it started): use it as "now", so a
// retried or late run cleans up the same window.
const RETENTION_DAYS = Number(process.env.RETENTION_DAYS ?? '30');

export const handler = async (event) => {
  const due = new Date(event.time);
  const cutoff = new Date(due.getTime() - RETENTION_DAYS * 24 * 60 * 60 * 1000);
  console.log(`${event.resources[0]}: removing records older than ${cutoff.toISOString()}`);
  // Delete what is older than `cutoff` here (a DynamoDB query, an S3 listing, …).
  return { job: 'nightly-cleanup', due: due.toISOString(), cutoff: cutoff.toISOString(), retentionDays: RETENTION_DAYS };
};
