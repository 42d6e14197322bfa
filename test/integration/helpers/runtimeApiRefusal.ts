// Test helper: the exact body the Runtime API answers a request without the current runtime's secret with
// (issue 9, items 2 and 10), written out here rather than imported, so a change to the engine's text fails.

export function refused(method: string, url: string): unknown {
  return {
    errorMessage:
      "Request refused: it does not carry the Runtime API secret of this environment's current runtime. Build URLs from " +
      'AWS_LAMBDA_RUNTIME_API unchanged (http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/…): only the runtime process knows it, ' +
      `and each reset gives the next runtime a new one. Request: "${method} ${url}"`,
    errorType: 'InvalidRuntimeApiSecret',
  };
}
