// core/api: the Lambda API's operations, one table. Later issues (concurrency, event-invoke config, event
// source mappings) add their rows here.
import type { Operation } from '../router';
import { ACCOUNT_OPERATIONS } from './accountOperations';
import { CODE_OPERATIONS } from './codeOperations';
import { CONCURRENCY_OPERATIONS } from './concurrencyOperations';
import { EVENT_INVOKE_CONFIG_OPERATIONS } from './eventInvokeConfigOperations';
import { EVENT_SOURCE_MAPPING_OPERATIONS } from './eventSourceMappingOperations';
import { FUNCTION_OPERATIONS } from './functionOperations';
import { INVOKE_OPERATIONS } from './invokeOperations';
import { LAYER_OPERATIONS } from './layerOperations';
import { PROVISIONED_OPERATIONS } from './provisionedOperations';
import { WORKBENCH_OPERATIONS } from './workbenchOperations';
import { VERSION_OPERATIONS } from './versionOperations';

export const LAMBDA_OPERATIONS: readonly Operation[] = [...INVOKE_OPERATIONS, ...FUNCTION_OPERATIONS, ...VERSION_OPERATIONS, ...LAYER_OPERATIONS, ...ACCOUNT_OPERATIONS, ...CONCURRENCY_OPERATIONS, ...PROVISIONED_OPERATIONS, ...WORKBENCH_OPERATIONS, ...CODE_OPERATIONS, ...EVENT_INVOKE_CONFIG_OPERATIONS, ...EVENT_SOURCE_MAPPING_OPERATIONS];
