import { useSearchParams } from 'react-router';

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
  const [params, setParams] = useSearchParams();
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
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          const put = (k: string, v: string | number | null | undefined) => {
            if (v === undefined) return;
            if (v === null || v === '') n.delete(k);
            else n.set(k, String(v));
          };
          put('tab', changes.tab);
          put('kh', changes.planId);
          put('mau', changes.templateId);
          put('ky', changes.periodKey);
          put('dv', changes.unitId);
          const boardChanged = [changes.planId, changes.templateId, changes.periodKey, changes.unitId].some((v) => v !== undefined);
          put('khoi', changes.blockId !== undefined ? changes.blockId : boardChanged ? null : undefined);
          return n;
        },
        { replace: true },
      );
    },
  };
}
