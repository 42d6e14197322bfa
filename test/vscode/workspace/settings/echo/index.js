// Echoes what the engine set up (parameter overrides, env-vars file, region) and writes one JSON log line
// straight to stdout, which the Lambda Functions channel must show unchanged.
exports.handler = async () => {
  const seen = { greeting: process.env.GREETING, fromFile: process.env.FROM_FILE, region: process.env.AWS_REGION };
  process.stdout.write(JSON.stringify({ level: 'INFO', msg: 'echo', ...seen }) + '\n');
  return seen;
};
