// core/deploy: the profile names of the shared AWS files (~/.aws/config `[profile x]`, ~/.aws/credentials `[x]`,
// or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), for a profile picker. Names only: no key is read out.
import { loadSharedConfigFiles } from '@smithy/core/config';

export async function listAwsProfiles(): Promise<string[]> {
  try {
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
    return [...new Set([...Object.keys(configFile ?? {}), ...Object.keys(credentialsFile ?? {})])].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  } catch {
    return [];
  }
}
