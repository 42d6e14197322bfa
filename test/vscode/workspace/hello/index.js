// Echoes the event and says hello; the CommonLayer is mounted as /opt but not needed to run.
exports.handler = async (event, context) => {
  console.log('hello handler got', JSON.stringify(event));
  // With event.waitMs it waits that long first (the cancel tests stop it while it waits).
  if (event.waitMs) console.log(`hello handler waits ${event.waitMs} ms`), await new Promise((r) => setTimeout(r, event.waitMs));
  return { greeting: 'hello, world', requestId: context.awsRequestId, event };
};
