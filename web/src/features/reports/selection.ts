import { useAddressParams } from '../../app/hooks';

// The page's choices live in the address (?tab=&kh=&mau=&ky=&dv=&khoi=), so a link (the calendar feed
// links to ?mau=&ky=) or a reload keeps them. The board's block (khối, cụm thi đua) belongs to one
// board: choosing another plan, template, period or unit drops it.

export type ReportsTab = 'unit' | 'board';

export interface ReportSelection {
  tab: ReportsTab | null;
  planId: number | undefined;
  templateId: number | undefined;
  periodKey: string | undefined;
  unitId: number | undefined;
  blockId: number | undefined;
  set(changes: Partial<{ tab: ReportsTab; planId: number | null; templateId: number | null; periodKey: string | null; unitId: number | null; blockId: number | null }>): void;
}

export function useReportSelection(): ReportSelection {
  const [params, setParams] = useAddressParams();
  const num = (k: string) => Number(params.get(k)) || undefined;
  const tab = params.get('tab');
  return {
    tab: tab === 'unit' || tab === 'board' ? tab : null,
    planId: num('kh'),
    templateId: num('mau'),
    periodKey: params.get('ky') ?? undefined,
    unitId: num('dv'),
    blockId: num('khoi'),
    set(changes) {
      // A block belongs to the board it was chosen on: another plan, template, period or unit clears it.
      const boardChanged = [changes.planId, changes.templateId, changes.periodKey, changes.unitId].some((v) => v !== undefined);
      setParams({
        tab: changes.tab,
        kh: changes.planId,
        mau: changes.templateId,
        ky: changes.periodKey,
        dv: changes.unitId,
        khoi: changes.blockId !== undefined ? changes.blockId : boardChanged ? null : undefined,
      });
    },
  };
}
