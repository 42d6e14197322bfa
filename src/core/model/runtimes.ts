// core/model: the runtime identifiers we accept in templates, with their family. The runtime table in
// core/runtimes maps each family to its implementation; this list is what the template loader validates.

export type RuntimeFamily = 'nodejs' | 'python' | 'provided';

export const SUPPORTED_RUNTIMES: Readonly<Record<string, RuntimeFamily>> = {
  'nodejs18.x': 'nodejs',
  'nodejs20.x': 'nodejs',
  'nodejs22.x': 'nodejs',
  'nodejs24.x': 'nodejs',
  'python3.9': 'python',
  'python3.10': 'python',
  'python3.11': 'python',
  'python3.12': 'python',
  'python3.13': 'python',
  provided: 'provided',
  'provided.al2': 'provided',
  'provided.al2023': 'provided',
};

export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
  return SUPPORTED_RUNTIMES[runtime];
}
