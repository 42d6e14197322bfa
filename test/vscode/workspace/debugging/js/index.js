// Debug fixture: line 8 (`console.log(...)`) is the known breakpoint line; `total` is 42 for {"value": 21}.
const { double } = require('./lib/math');

const initializedAt = 'init';

exports.handler = async (event) => {
  const total = double(event.value ?? 21);
  console.log('debug handler computed', total);
  return { total, initializedAt };
};
