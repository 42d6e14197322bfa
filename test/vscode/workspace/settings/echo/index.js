// Echoes what the engine set up (parameter overrides, env-vars file, region) and writes one JSON log line
// straight to stdout, which the Lambda Functions channel must show unchanged. The key id only when it is the
// one of the profile the profile-setting test writes (AKIATEST…), never the placeholders or a real one.
exports.handler = async () => {
  const key = process.env.AWS_ACCESS_KEY_ID || '';
  const seen = { greeting: process.env.GREETING, fromFile: process.env.FROM_FILE, region: process.env.AWS_REGION, ...(key.startsWith('AKIATEST') ? { keyId: key } : {}) };
  process.stdout.write(JSON.stringify({ level: 'INFO', msg: 'echo', ...seen }) + '\n');
  return seen;
};
