import type { Executor } from '../../platform/database.js';
import type { AllDay } from './ical.js';

// The iCalendar feed (lịch hạn báo cáo) gathers its events from a list of sources: plan deadlines
// now, report deadlines when the reports capability registers its own. A source answers for one
// user: the units that concern them are worked out once and handed to every source.

/** Whom the feed is for: the user, and the units of their role grants and of their person record. */
export interface CalendarScope {
  userId: number;
  /** ltree paths of the user's units (duplicates removed). */
  unitPaths: string[];
}

export interface CalendarEntry {
  /** Stable across fetches and unique across sources, e.g. `plan-deadline-12-2026@thidua`. */
  uid: string;
  date: AllDay;
  /** Vietnamese, as the event's title in the calendar app. */
  summary: string;
  description?: string;
  /** A path inside the web app; the feed makes it absolute. */
  link?: string;
}

export interface CalendarSource {
  /** Unique; registering a name again replaces the source. */
  name: string;
  /** The events around `now` (the app clock's instant): a source may choose the years it lists by it. */
  events(db: Executor, scope: CalendarScope, now: Date): Promise<CalendarEntry[]>;
}

const sources = new Map<string, CalendarSource>();

/** Adds (or replaces, by name) a source of the deadlines feed; call when the module is loaded. */
export function registerCalendarSource(source: CalendarSource): void {
  sources.set(source.name, source);
}

/** The registered sources, in registration order. */
export function calendarSources(): CalendarSource[] {
  return [...sources.values()];
}
