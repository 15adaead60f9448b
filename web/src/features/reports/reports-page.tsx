import { permissions, type Action, type Me } from '@thidua/contracts';
import { FormOutlined } from '@ant-design/icons';
import { Card, Tabs } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { can, useMe } from '../../app/session';
import { BoardTab } from './board-tab';
import { reportPaths } from './report-paths';
import { ReportPickers, useReportChoice } from './report-pickers';
import { useReportSelection, type ReportsTab } from './selection';
import { UnitReportTab } from './unit-report-tab';

/** The first unit where the user holds a role allowed `action`. */
function firstUnitWith(me: Me | null | undefined, action: Action): number | undefined {
  return me?.grants.find((g) => (permissions[action] as readonly string[]).includes(g.role))?.unitId;
}

/** /bao-cao — the unit's own periodic report, and the board of who below has reported. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const selection = useReportSelection();
  const choice = useReportChoice(selection, firstUnitWith(me, 'report.write') ?? firstUnitWith(me, 'unit.read'));
  if (!me) return <PageSpinner />;

  const tabs: { key: ReportsTab; label: string; show: boolean }[] = [
    { key: 'unit', label: t('reports.tabs.unit'), show: can(me, 'report.write') },
    { key: 'board', label: t('reports.tabs.board'), show: can(me, 'unit.read') },
  ];
  const shown = tabs.filter((x) => x.show);
  const active = shown.find((x) => x.key === selection.tab)?.key ?? shown[0]?.key ?? 'unit';

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        subtitle={t('reports.subtitle')}
        extra={
          // Templates are written by those who write plans; the page carries the chosen plan along.
          can(me, 'plan.write') ? (
            <Link to={selection.planId ? `${reportPaths.templates}?kh=${selection.planId}` : reportPaths.templates}>
              <FormOutlined aria-hidden /> {t('reports.templates.link')}
            </Link>
          ) : null
        }
      />
      <Card>
        <ReportPickers selection={selection} choice={choice} />
        <Tabs
          activeKey={active}
          onChange={(k) => selection.set({ tab: k as ReportsTab })}
          items={shown.map((x) => ({
            key: x.key,
            label: x.label,
            children: x.key === 'unit' ? <UnitReportTab choice={choice} /> : <BoardTab choice={choice} selection={selection} />,
          }))}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
