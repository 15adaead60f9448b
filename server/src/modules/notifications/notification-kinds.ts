import type { NotificationChannel } from '@thidua/contracts';

// The kinds of notice (loại thông báo) the app sends: a registry each capability adds to when its
// module loads (assessments, reports, plans; later inspections, citizen reports, nominations), so
// the notification centre lists them, with their labels, for each person to choose a channel —
// without a switch here that names them.

export interface Bilingual {
  vi: string;
  en: string;
}

export interface NotificationKind {
  /** Unique, `<capability>.<event>`: `assessment.submitted`, `report.returned`. */
  key: string;
  /** As the preferences list shows it: "Phiếu đánh giá gửi đến tôi để chấm điểm". */
  label: Bilingual;
  /** The capability, to group the list: "Đánh giá, chấm điểm". */
  group: Bilingual;
  /**
   * Without a choice of the person's: 'email' for a hand-over that waits for the recipient's action,
   * 'app' for information.
   */
  defaultChannel: NotificationChannel;
}

const kinds = new Map<string, NotificationKind>();

/** Adds (or replaces, by key) a kind of notice; call when the capability's module is loaded. */
export function registerNotificationKind(kind: NotificationKind): NotificationKind {
  kinds.set(kind.key, kind);
  return kind;
}

/** The registered kinds, in registration order. */
export function notificationKinds(): NotificationKind[] {
  return [...kinds.values()];
}

export function notificationKind(key: string): NotificationKind | undefined {
  return kinds.get(key);
}

/** A kind that was never registered (an old notice, a job queued by a newer version) counts as information. */
export function defaultChannelOf(key: string): NotificationChannel {
  return kinds.get(key)?.defaultChannel ?? 'app';
}
