// core/events/pattern: the coded error of an invalid pattern, worded as the owning service words it
// (EventBridge's InvalidEventPatternException "Event pattern is not valid. Reason: …", SNS's
// "Invalid parameter: FilterPolicy: …", Lambda's "Invalid filter pattern definition.").
import { WorkbenchError } from '../../common/errors';

/** Whose rules a pattern follows: EventBridge rules (and FilterCriteria), or an SNS filter policy's scope. */
export type Dialect = 'eventbridge' | 'sns-attributes' | 'sns-body';

/** Thrown while compiling; compilePattern rewraps it as a WorkbenchError in the dialect's words. */
export class PatternError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(reason);
  }
}

export function patternError(e: PatternError | string, dialect: Dialect, what?: string): WorkbenchError {
  const reason = typeof e === 'string' ? e : `${e.reason}${e.path ? ` at "${e.path}"` : ''}`;
  const message = dialect === 'eventbridge' ? `Event pattern is not valid. Reason: ${reason}` : `Invalid parameter: FilterPolicy: ${reason}`;
  return new WorkbenchError('INVALID_EVENT_PATTERN', what ? `${message} (${what})` : message);
}
