import { useSearchParams } from 'react-router';

// The page's choices live in the address (?tab=&kh=&mau=&ky=&dv=), so a link (the calendar feed
// links to ?mau=&ky=) or a reload keeps them.

export type ReportsTab = 'unit' | 'board';

export interface ReportSelection {
  tab: ReportsTab | null;
  planId: number | undefined;
  templateId: number | undefined;
  periodKey: string | undefined;
  unitId: number | undefined;
  set(changes: Partial<{ tab: ReportsTab; planId: number | null; templateId: number | null; periodKey: string | null; unitId: number | null }>): void;
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
          return n;
        },
        { replace: true },
      );
    },
  };
}
