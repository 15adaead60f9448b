import type { Actor } from '../platform/actor.js';
import type { AppContext } from '../platform/context.js';
import { openReport, saveReport, submitReport } from '../modules/reports/reports.service.js';
import { createTemplate } from '../modules/reports/reports.templates.js';

// The demonstration's periodic reports (báo cáo định kỳ), played through the real services: the
// ward's plan takes the system's two office-culture templates (6 tháng đầu năm due 31/5, năm due
// 30/11), both sent to Sở Nội vụ; the primary school sends its yearly report and the ward opens its
// own, which consolidates the school's figures and narratives. The ward's other units have not
// reported, so its board shows who is missing and offers "Nhắc nộp"; the ward's report is left as a
// draft for a newcomer to finish and send as "canbothidua".

export interface DemoReportActors {
  /** Writes the ward's plan: adds its templates. */
  standing: Actor;
  /** The ward's emulation officer: opens the ward's report. */
  wardOfficer: Actor;
  /** Writes the school's report: the demonstration has no school officer account. */
  schoolWriter: Actor;
}

export async function generateDemoReports(
  ctx: AppContext,
  actors: DemoReportActors,
  units: { ward: number; school: number; homeAffairs: number | null },
  planId: number,
  year: number,
): Promise<{ templates: number; reports: number }> {
  const recipient = { recipientUnitId: units.homeAffairs, recipientText: 'Sở Nội vụ tỉnh Khánh Hòa' };
  // The yearly one first: it is the report due now (30/11) and the one the reports page opens on.
  const yearly = await createTemplate(ctx, actors.standing, { planId, code: 'bao_cao_nam', periodKind: 'year', ...recipient });
  await createTemplate(ctx, actors.standing, { planId, code: 'bao_cao_6_thang', periodKind: 'six_months', ...recipient });

  const { report: school } = await openReport(ctx, actors.schoolWriter, { templateId: yearly.id, unitId: units.school, year });
  await saveReport(ctx, actors.schoolWriter, school.id, {
    revision: school.revision,
    values: { outreach_events: 4, code_posted_rate: 100, has_culture_rules: true },
    narratives: {
      results:
        'Nhà trường niêm yết quy tắc ứng xử tại phòng hội đồng và các lớp học; 100% cán bộ, giáo viên, nhân viên đeo thẻ khi làm việc.\nTổ chức 4 buổi sinh hoạt chuyên đề về văn hóa công sở.',
      shortcomings: 'Một số giáo viên hợp đồng chưa nắm đầy đủ quy chế văn hóa công sở.',
      directions: 'Duy trì phong trào trồng hoa và dọn vệ sinh hàng tuần; phổ biến quy chế cho giáo viên mới.',
    },
    signer: 'Nguyễn Thị Hồng',
  });
  await submitReport(ctx, actors.schoolWriter, school.id);

  await openReport(ctx, actors.wardOfficer, { templateId: yearly.id, unitId: units.ward, year });
  return { templates: 2, reports: 2 };
}
