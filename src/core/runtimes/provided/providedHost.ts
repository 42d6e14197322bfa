// core/runtimes/provided: custom runtimes (provided, provided.al2, provided.al2023). Lambda runs the
// `bootstrap` executable from the task root, else from /opt (a layer), with AWS_LAMBDA_RUNTIME_API set
// (lambda-semantics.md §1.7); any runtime client speaking the Runtime API works. The deprecated go1.x runs
// the same way: its Handler names the executable, which aws-lambda-go starts as a Runtime API client.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeLaunchError } from '../launchError';
import type { LaunchContext, LaunchSpec, RuntimeHost } from '../runtimeHost';
import { shellFor } from './shellScripts';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export class ProvidedHost implements RuntimeHost {
  /** §2.5: AWS_EXECUTION_ENV is not set for provided.* runtimes; go1.x was a managed runtime and had it. */
  executionEnv(runtime?: string): string | undefined {
    return runtime === 'go1.x' ? 'AWS_Lambda_go1.x' : undefined;
  }

  async prepareLaunch(ctx: LaunchContext): Promise<LaunchSpec> {
    const { runtime } = ctx.fn;
    const candidates = runtime === 'go1.x' ? [join(ctx.taskRoot, ctx.fn.handler ?? '')] : [join(ctx.taskRoot, 'bootstrap'), join(ctx.optDir, 'bootstrap')];
    let found: string | undefined;
    for (const c of candidates) {
      if (await isFile(c)) {
        found = c;
        break;
      }
    }
    if (!found) {
      // §1.7, with our folders in place of /var/task and /opt.
      if (runtime === 'go1.x') throw new RuntimeLaunchError('Runtime.InvalidEntrypoint', `fork/exec ${candidates[0]}: no such file or directory`);
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
    const shell = await shellFor(found);
    return { command: shell?.command ?? found, args: shell?.args ?? [], env, cwd: ctx.taskRoot };
  }
}
