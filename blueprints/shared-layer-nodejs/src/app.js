// The layer's code is under /opt/nodejs/node_modules, which is on NODE_PATH: require it by name. (ES module
// imports do not search NODE_PATH, so this handler is CommonJS.)
const { formatGreeting } = require('shared-format');

exports.handler = async (event) => ({ message: formatGreeting(event.name ?? 'world') });
