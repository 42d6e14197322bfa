// Debug fixture: imported by the handler; line 4 (`return result;`) is the breakpoint in imported code.
exports.double = (n) => {
  const result = n * 2;
  return result;
};
