// Throws from a known line (5) so the tests can check the link to the failing line.
function validate(order) {
  if (!order.id) {
    // the next line is line 5
    throw new TypeError('order.id is required');
  }
}

exports.handler = async (event) => {
  validate(event);
  return 'unreachable';
};
