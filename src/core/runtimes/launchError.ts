// core/runtimes: a runtime that cannot even be started fails the invocation the way Lambda does
// (e.g. Runtime.InvalidEntrypoint for a missing bootstrap, §1.7), not as an engine error.

export class RuntimeLaunchError extends Error {
  override readonly name = 'RuntimeLaunchError';
  /** @param errorType Lambda's error type, e.g. Runtime.InvalidEntrypoint. @param reason text after "Error: ". */
  constructor(
    readonly errorType: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}
