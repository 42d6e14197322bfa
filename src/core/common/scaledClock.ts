// core/common: the engine clock run N times faster (`--time-scale N`, ARCHITECTURE.md rule 2): retry delays,
// event ages and visibility timeouts pass N times faster, so a six-hour retry window can be watched in
// minutes. Function timeouts keep the real clock (the environments are not given this one).
import type { Clock } from './clock';

export function scaledClock(base: Clock, scale: number, startedAt = base.now()): Clock {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`time scale must be a positive number, got ${scale}`);
  const monoStart = base.monotonic();
  return {
    now: () => startedAt + (base.now() - startedAt) * scale,
    monotonic: () => monoStart + (base.monotonic() - monoStart) * scale,
    setTimeout: (fn, ms, background) => base.setTimeout(fn, ms / scale, background),
  };
}
