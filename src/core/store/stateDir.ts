// core/store: the state directory (<workspace>/.lambda-workbench by default) and its layout.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const STATE_DIR_NAME = '.lambda-workbench';

export interface StateLayout {
  root: string;
  logs: string;
  envs: string;
}

export function stateLayout(workspace: string, stateDir?: string): StateLayout {
  const root = resolve(workspace, stateDir ?? STATE_DIR_NAME);
  const layout = { root, logs: join(root, 'logs'), envs: join(root, 'envs') };
  mkdirSync(layout.envs, { recursive: true });
  return layout;
}
