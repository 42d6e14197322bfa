// core/common: typed events in the VS Code shape (an Event is a function you call to subscribe).
import type { Disposable } from './disposable';

export type Event<T> = (listener: (e: T) => void) => Disposable;

export class Emitter<T> {
  private listeners = new Set<(e: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  fire(e: T): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A listener's failure must not break the engine or other listeners.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
