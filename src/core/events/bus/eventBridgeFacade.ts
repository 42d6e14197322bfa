// core/events/bus: the service's EventBridge surface (`service.eventBridge`): PutEvents, the buses with their
// rules, the schedules, and starting them for an engine that serves. A thin front over the local resources.
import type { EventResources } from '../eventResources';
import type { ScheduleInfo } from '../schedule/scheduleRunner';
import type { BusStats, PutEventsEntry } from './localBus';
import type { LocalEventBridge, PutEventsOutput } from './localEventBridge';

export class EventBridgeFacade {
  constructor(private readonly resources: () => Promise<EventResources>) {}

  /** The local EventBridge (for the API's operations). */
  async local(): Promise<LocalEventBridge> {
    return (await this.resources()).eventBridge;
  }

  /** PutEvents: per-entry results; accepted entries are on disk when this resolves. */
  async putEvents(entries: PutEventsEntry[]): Promise<PutEventsOutput> {
    return (await this.local()).putEvents(entries);
  }

  async buses(): Promise<BusStats[]> {
    return (await this.resources()).buses();
  }

  async schedules(): Promise<ScheduleInfo[]> {
    return (await this.local()).schedules();
  }

  /** Fires a schedule now, enabled or not. */
  async runSchedule(name: string): Promise<ScheduleInfo> {
    return (await this.local()).runSchedule(name);
  }

  /**
   * For an engine that serves (`start`, VS Code): opens every bus (their unfinished deliveries run again) and
   * starts the schedules on the engine clock. Returns the schedules with their next fire times.
   */
  async start(): Promise<ScheduleInfo[]> {
    const eb = await this.local();
    await eb.buses();
    return eb.startSchedules();
  }

  /** Resolves when no schedule fire or bus delivery is under way (tests advance the engine clock, then wait). */
  async settled(): Promise<void> {
    return (await this.local()).settled();
  }
}
