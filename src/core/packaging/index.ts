// core/packaging: the public surface — deployment packages and layer archives (reproducible ZIPs, esbuild,
// production node_modules, pip), staged trees to run from, the content-addressed cache, safe extraction,
// CodeSha256 and size limits.
export type { BuiltPackage, ExtractLimits, Progress, ProgressListener, SizeLimits, StagedPackage } from './types';
export { DEFAULT_EXTRACT_LIMITS, LAMBDA_SIZE_LIMITS } from './types';
export type { BuildOptions } from './buildPipeline';
export { PackageCache } from './packageCache';
export { buildFunctionPackage, stageFunctionPackage } from './functionPackage';
export { buildLayerPackage, stageLayerPackage } from './layerPackage';
export { extractZip } from './extractZip';
export { codeSha256 } from './fileHasher';
export { checkTotalUnzippedSize } from './sizeLimits';
export { DEFAULT_IGNORES, IGNORE_FILE } from './ignoreRules';
export { PackagingError, isPackagingError, type PackagingErrorCode, type UnsafeArchiveReason } from './errors';
