// Vietnamese texts of the notification centre (thông báo) and of the deadlines feed card.
export const notificationsVi = {
  bell: 'Thông báo',
  bellUnread: 'Thông báo ({{count}} chưa đọc)',
  title: 'Thông báo',
  empty: 'Chưa có thông báo nào',
  unread: 'Chưa đọc',
  markRead: 'Đánh dấu đã đọc',
  markAllRead: 'Đánh dấu tất cả đã đọc',
  open: 'Mở',
  more: 'Xem thêm',
  calendar: {
    title: 'Lịch hạn báo cáo (iCalendar)',
    intro:
      'Thêm các hạn báo cáo liên quan đến bạn vào lịch của điện thoại hoặc Outlook, Google Calendar: tạo đường dẫn rồi dán vào mục "Thêm lịch từ URL" (đăng ký lịch).',
    none: 'Bạn chưa có đường dẫn lịch.',
    exists: 'Đã có đường dẫn lịch, tạo lúc {{date}}. Vì lý do bảo mật, đường dẫn chỉ hiện một lần; nếu không còn lưu, hãy tạo đường dẫn mới.',
    create: 'Tạo đường dẫn lịch',
    rotate: 'Tạo đường dẫn mới',
    rotateWarning: 'Đường dẫn cũ sẽ ngừng hoạt động.',
    urlLabel: 'Đường dẫn lịch',
    copy: 'Sao chép',
    copied: 'Đã sao chép đường dẫn',
    keepSecret: 'Giữ kín đường dẫn này: ai có nó đều xem được lịch hạn của bạn.',
  },
};
