import { paths } from '../../app/paths';

/**
 * Paths of /bao-cao. The list page keeps its choices in the address (?mau=&ky=&dv=&kh=&tab=), as
 * the calendar feed links to it; reminder e-mails link to a unit's report by unit, template and period.
 */
export const reportPaths = {
  list: paths.reports,
  report: (id: number) => `${paths.reports}/${id}`,
  unitReport: (unitId: number, templateId: number, periodKey: string) => `${paths.reports}/don-vi/${unitId}/${templateId}/${periodKey}`,
  /** The report templates (mẫu báo cáo) of a plan (?kh=) and the system's. */
  templates: `${paths.reports}/mau`,
  template: (id: number) => `${paths.reports}/mau/${id}`,
} as const;
