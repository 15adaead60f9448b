// Request and response schemas of periodic reports (báo cáo định kỳ).
export {};
