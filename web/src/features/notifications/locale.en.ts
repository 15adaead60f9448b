import type { notificationsVi } from './locale.vi';

// English texts of the notification centre, loaded only when someone switches language.
export const notificationsEn: typeof notificationsVi = {
  bell: 'Notifications',
  bellUnread: 'Notifications ({{count}} unread)',
  title: 'Notifications',
  empty: 'No notifications yet',
  unread: 'Unread',
  markRead: 'Mark as read',
  markAllRead: 'Mark all as read',
  open: 'Open',
  more: 'Show more',
  calendar: {
    title: 'Reporting deadlines calendar (iCalendar)',
    intro: 'Add the deadlines that concern you to your phone, Outlook or Google Calendar: create the link and paste it under "Add calendar from URL" (subscribe).',
    none: 'You have no calendar link yet.',
    exists: 'A calendar link exists, created at {{date}}. For security it is shown only once; if you no longer have it, create a new one.',
    create: 'Create calendar link',
    rotate: 'Create a new link',
    rotateWarning: 'The old link will stop working.',
    urlLabel: 'Calendar link',
    copy: 'Copy',
    copied: 'Link copied',
    keepSecret: 'Keep this link private: anyone who has it can see your deadlines.',
  },
};
