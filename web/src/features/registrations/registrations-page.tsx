import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { can, useMe } from '../../app/session';
import { BoardTab } from './board-tab';
import { MyRegistrationTab } from './my-registration-tab';
import { useSelection, type RegistrationTab } from './selection';
import { UnitRegistrationTab } from './unit-registration-tab';

/** /dang-ky-thi-dua — one's own registration, registering for a unit, and the progress board. */
export default function RegistrationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const selection = useSelection();
  if (!me) return <PageSpinner />;

  const tabs: { key: RegistrationTab; label: string; show: boolean }[] = [
    { key: 'mine', label: t('registrations.tabs.mine'), show: me.personId !== null || me.grants.length === 0 },
    { key: 'unit', label: t('registrations.tabs.unit'), show: can(me, 'registration.write') },
    { key: 'board', label: t('registrations.tabs.board'), show: me.grants.length > 0 },
  ];
  const shown = tabs.filter((x) => x.show);
  const active = shown.find((x) => x.key === selection.tab)?.key ?? shown[0]?.key ?? 'mine';

  return (
    <>
      <PageHeader title={t('registrations.title')} subtitle={t('registrations.subtitle')} />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(k) => selection.set({ tab: k as RegistrationTab })}
          items={shown.map((x) => ({
            key: x.key,
            label: x.label,
            children:
              x.key === 'mine' ? (
                <MyRegistrationTab selection={selection} />
              ) : x.key === 'unit' ? (
                <UnitRegistrationTab selection={selection} me={me} />
              ) : (
                <BoardTab selection={selection} me={me} />
              ),
          }))}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
