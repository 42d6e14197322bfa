// core/packaging: the coded errors packaging throws. The codes widen WorkbenchError's ErrorCode union
// (cast here until common/errors.ts lists them); UNSAFE_ARCHIVE carries a finer `reason`.
import { WorkbenchError, type ErrorCode } from '../common/errors';

export type PackagingErrorCode = 'PACKAGE_TOO_LARGE' | 'UNSAFE_ARCHIVE' | 'BUILD_FAILED' | 'DEPENDENCIES_FAILED';

/** Why an archive was refused (UNSAFE_ARCHIVE). */
export type UnsafeArchiveReason =
  | 'PATH_TRAVERSAL'
  | 'LINK_OUTSIDE'
  | 'TOO_MANY_ENTRIES'
  | 'TOO_LARGE'
  | 'COMPRESSION_RATIO'
  | 'DUPLICATE_ENTRY'
  | 'INVALID_ZIP';

export class PackagingError extends WorkbenchError {
  constructor(
    code: PackagingErrorCode | ErrorCode,
    message: string,
    options?: { cause?: unknown; file?: string; reason?: UnsafeArchiveReason },
  ) {
    super(code as ErrorCode, message, options);
    this.reason = options?.reason;
  }
  /** Set for UNSAFE_ARCHIVE: which check refused the archive. */
  readonly reason?: UnsafeArchiveReason;
}

export function isPackagingError(e: unknown, code?: PackagingErrorCode): e is PackagingError {
  return e instanceof PackagingError && (code === undefined || (e.code as string) === code);
}

/** A source file no longer has the content the build hashed: the build starts over (buildPipeline.ts). */
export class SourceChangedError extends PackagingError {
  constructor(
    label: string,
    /** The source path (or the package name of an inline file). */
    readonly path: string,
  ) {
    super('BUILD_FAILED', `"${path}" of ${label} changed while it was being packaged — build again.`, { file: path });
  }
}
