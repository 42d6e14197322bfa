// Echoes the event and says hello; the CommonLayer is mounted as /opt but not needed to run.
exports.handler = async (event, context) => {
  console.log('hello handler got', JSON.stringify(event));
  return { greeting: 'hello, world', requestId: context.awsRequestId, event };
};
