// Vietnamese texts of the task inbox (việc cần làm) on the home page.
export const tasksVi = {
  title: 'Việc cần làm',
  count_one: '{{count}} việc',
  count_other: '{{count}} việc',
  empty: 'Không có việc nào đang chờ bạn.',
  emptyHint: 'Khi có việc đến lượt bạn — đăng ký, tự đánh giá, chấm điểm, báo cáo — việc sẽ hiện ở đây và trong chuông thông báo.',
  error: 'Chưa tải được danh sách việc.',
  open: 'Làm ngay',
  due: 'Hạn {{date}}',
  noDue: 'Không có hạn',
  state: {
    overdue: 'Quá hạn {{days}} ngày',
    overdueToday: 'Quá hạn',
    returned: 'Bị trả lại',
    due_soon: 'Còn {{days}} ngày',
    dueToday: 'Hạn hôm nay',
    open: 'Đang chờ',
  },
  reason: 'Lý do trả lại: {{reason}}',
  filter: {
    all: 'Tất cả',
    urgent: 'Quá hạn, trả lại',
    soon: 'Sắp đến hạn',
  },
};
