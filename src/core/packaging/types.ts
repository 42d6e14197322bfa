// core/packaging: shared types of the packaging layer (progress, built packages, extraction limits).

/** A progress report from a builder; `total` is 0 while unknown. */
export interface Progress {
  phase: 'hash' | 'dependencies' | 'bundle' | 'collect' | 'stage' | 'zip' | 'extract' | 'done';
  done: number;
  total: number;
  message: string;
}

export type ProgressListener = (p: Progress) => void;

/** What a build reports about a package, whichever form of it was asked for. */
interface PackageFacts {
  /**
   * Hex SHA-256 of the package's file set (names, modes, contents): equal for equal packages, and the name
   * of its folder in the cache (`<stateDir>/packages/<treeHash>/`).
   */
  treeHash: string;
  /** Sum of the uncompressed sizes of the files. */
  unzippedSize: number;
  /** True when nothing was built: the inputs were unchanged. */
  fromCache: boolean;
  /** esbuild functions: the handler as `sam build` rewrites it (e.g. `src/app.handler` → `app.handler`). */
  handler?: string;
  /** Environment additions `sam build` makes (NODE_OPTIONS=--enable-source-maps when Sourcemap is on). */
  environment?: Record<string, string>;
}

/** A deployment package (function or layer) as a ZIP: what `package` writes and a layer version publishes. */
export interface BuiltPackage extends PackageFacts {
  /** The ZIP inside the cache (`<stateDir>/packages/<treeHash>/package.zip`). */
  zipPath: string;
  /** ZIP size in bytes. */
  size: number;
  /** Base64 of the raw SHA-256 of the ZIP bytes (lambda-semantics.md §6). */
  codeSha256: string;
}

/**
 * A package staged as a folder, exactly the files (bytes and 0644/0755 modes) its ZIP holds: the task root a
 * function runs from, or a layer's /opt contribution. Its ZIP and CodeSha256 are made only when asked for.
 */
export interface StagedPackage extends PackageFacts {
  /** `<stateDir>/packages/<treeHash>/task`. */
  dir: string;
}

/** Limits for safe extraction. Defaults follow Lambda's 250 MB unzipped limit (lambda-semantics.md §2.3). */
export interface ExtractLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Largest uncompressed/compressed ratio accepted for an entry of at least `ratioMinBytes`. */
  maxCompressionRatio: number;
  ratioMinBytes: number;
}

/** Package size limits (lambda-semantics.md §2.3); tests pass small ones. */
export interface SizeLimits {
  maxZippedBytes: number;
  maxUnzippedBytes: number;
}

export const MB = 1024 * 1024;

export const LAMBDA_SIZE_LIMITS: SizeLimits = { maxZippedBytes: 50 * MB, maxUnzippedBytes: 250 * MB };

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 250 * MB,
  maxEntryBytes: 250 * MB,
  maxCompressionRatio: 200,
  ratioMinBytes: MB,
};

/** A file to put in a package: where it is read from and its path inside the ZIP (forward slashes). */
export interface PackageFile {
  /** Path inside the package, relative, '/'-separated. */
  name: string;
  /** Absolute source path on disk, or inline content. */
  source: string | Buffer;
  size: number;
  executable: boolean;
}
