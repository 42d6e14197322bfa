// vscode layer: the event last chosen for each function (workspace state), offered first next time.
import type * as vscode from 'vscode';

/** A file (saved event, project event, chosen file) by its path, or the empty event. */
export type RememberedEvent = { path: string } | { empty: true };

export class EventMemory {
  constructor(private readonly state: vscode.Memento) {}

  private key(templatePath: string, logicalId: string): string {
    return `lambdaWorkbench.lastEvent:${templatePath}#${logicalId}`;
  }

  get(templatePath: string, logicalId: string): RememberedEvent | undefined {
    return this.state.get<RememberedEvent>(this.key(templatePath, logicalId));
  }

  remember(templatePath: string, logicalId: string, e: RememberedEvent): Thenable<void> {
    return this.state.update(this.key(templatePath, logicalId), e);
  }
}
