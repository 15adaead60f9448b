import { paths } from '../../app/paths';

/**
 * Paths of /bao-cao. The list page keeps its choices in the address (?mau=&ky=&dv=&kh=&tab=), as
 * the calendar feed links to it; reminder e-mails link to a unit's report by unit, template and period.
 */
export const reportPaths = {
  list: paths.reports,
  report: (id: number) => `${paths.reports}/${id}`,
  unitReport: (unitId: number, templateId: number, periodKey: string) => `${paths.reports}/don-vi/${unitId}/${templateId}/${periodKey}`,
} as const;
