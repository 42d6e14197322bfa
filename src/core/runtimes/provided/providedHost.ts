// core/runtimes/provided: custom runtimes (provided, provided.al2, provided.al2023). Lambda runs the
// `bootstrap` executable from the task root, else from /opt (a layer), with AWS_LAMBDA_RUNTIME_API set
// (lambda-semantics.md §1.7); any runtime client speaking the Runtime API works.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeLaunchError } from '../launchError';
import type { LaunchContext, LaunchSpec, RuntimeHost } from '../runtimeHost';

export class ProvidedHost implements RuntimeHost {
  /** §2.5: AWS_EXECUTION_ENV is not set for provided.* runtimes. */
  executionEnv(): undefined {
    return undefined;
  }

  async prepareLaunch(ctx: LaunchContext): Promise<LaunchSpec> {
    const candidates = [join(ctx.taskRoot, 'bootstrap'), join(ctx.optDir, 'bootstrap')];
    let found: string | undefined;
    for (const c of candidates) {
      try {
        if ((await stat(c)).isFile()) {
          found = c;
          break;
        }
      } catch {
        // not there; try the next place
      }
    }
    if (!found) {
      // §1.7, with our folders in place of /var/task and /opt.
      throw new RuntimeLaunchError('Runtime.InvalidEntrypoint', `Couldn't find valid bootstrap(s): [${candidates.join(' ')}]`);
    }
    try {
      await access(found, constants.X_OK);
    } catch {
      throw new RuntimeLaunchError('Runtime.InvalidEntrypoint', `fork/exec ${found}: permission denied`);
    }
    const env = { ...ctx.env };
    // §2.5: the custom runtime sets _X_AMZN_TRACE_ID itself from Lambda-Runtime-Trace-Id.
    delete env._X_AMZN_TRACE_ID;
    return { command: found, args: [], env, cwd: ctx.taskRoot };
  }
}
