import { CloseOutlined, LockOutlined, PlusOutlined, UnlockOutlined, UserAddOutlined } from '@ant-design/icons';
import { roleLabels, type UserView } from '@thidua/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Button, Card, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/api';
import { formatDateTime, formatNumber } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { useDebounced } from '../../app/hooks';
import { useLabel } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { grantable, useMe } from '../../app/session';
import { tagColors } from '../../app/theme';
import { accountsApi } from './accounts-api';
import { CreateUserModal } from './create-user-modal';
import { GrantModal } from './grant-modal';
import { SearchInput } from '../../app/search-input';
import { appNow } from '../../app/clock';

/** /phan-quyen — accounts and their role grants (vai trò tại đơn vị). */
export default function AccountsPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { message } = AntdApp.useApp();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<UserView | null>(null);
  const roles = grantable(me);

  const list = useQuery({
    queryKey: ['users', { q, page, pageSize }],
    queryFn: () => accountsApi.list({ page, pageSize, q: q || undefined }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['users'] });
  const onError = (e: unknown) => void message.error(errorText(e, i18n.language));

  const update = useMutation({
    mutationFn: ({ id, body }: { id: number; body: { isActive?: boolean; unlock?: boolean } }) => accountsApi.update(id, body),
    onSuccess: () => {
      void message.success(t('common.saved'));
      refresh();
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (grantId: number) => accountsApi.revoke(grantId),
    onSuccess: () => {
      void message.success(t('accounts.revoked'));
      refresh();
    },
    onError,
  });

  const locked = (u: UserView) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs(appNow()));

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        extra={
          <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('accounts.create')}
          </Button>
        }
      />
      <Card>
        <SearchInput
          aria-label={t('common.search')}
          placeholder={t('accounts.searchPlaceholder')}
          allowClear
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          style={{ maxWidth: 420, marginBottom: 16 }}
        />
        {list.error ? <ErrorAlert error={list.error} /> : null}
        <Table<UserView>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1460 }}
          locale={{ emptyText: t('common.noResults') }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('accounts.total', { n: formatNumber(n, i18n.language) }),
            onChange: (p, ps) => {
              setPage(p);
              setPageSize(ps);
            },
          }}
          columns={[
            { title: t('auth.username'), dataIndex: 'username', width: 160, fixed: 'left' },
            { title: t('accounts.displayName'), dataIndex: 'displayName', width: 180 },
            { title: t('account.email'), dataIndex: 'email', width: 200, render: (v: string | null) => v ?? '—' },
            {
              title: t('accounts.status'),
              key: 'status',
              width: 170,
              render: (_: unknown, u) => (
                <Space orientation="vertical" size={2}>
                  {u.isActive ? (
                    <Tag color={tagColors.active}>{t('accounts.active')}</Tag>
                  ) : (
                    <Tag color={tagColors.dissolved}>{t('accounts.inactive')}</Tag>
                  )}
                  {locked(u) && (
                    <Tag color={tagColors.danger} title={formatDateTime(u.lockedUntil)}>
                      {t('accounts.lockedUntil', { at: formatDateTime(u.lockedUntil) })}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: t('accounts.mfa'),
              dataIndex: 'mfaEnabled',
              width: 100,
              render: (v: boolean) => (v ? <Tag color={tagColors.active}>{t('mfa.on')}</Tag> : <Tag>{t('mfa.off')}</Tag>),
            },
            {
              title: t('accounts.grants'),
              key: 'grants',
              width: 360,
              render: (_: unknown, u) => (
                <Space size={[4, 4]} wrap>
                  {u.grants.map((g) => {
                    const text = `${label(roleLabels[g.role])} — ${g.unitName}`;
                    return (
                      <Tag key={g.id} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                        {text}
                        {roles.includes(g.role) && (
                          <Popconfirm
                            title={t('accounts.revokeConfirm', { grant: text })}
                            okText={t('accounts.revoke')}
                            okButtonProps={{ danger: true }}
                            cancelText={t('common.cancel')}
                            onConfirm={() => revoke.mutateAsync(g.id)}
                          >
                            <Button
                              type="text"
                              size="small"
                              icon={<CloseOutlined aria-hidden />}
                              aria-label={t('accounts.revokeLabel', { grant: text })}
                              style={{ height: 18, width: 18, minWidth: 18, marginInlineStart: 4 }}
                            />
                          </Popconfirm>
                        )}
                      </Tag>
                    );
                  })}
                  {roles.length > 0 && (
                    <Button size="small" type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => setGranting(u)}>
                      {t('accounts.addGrant')}
                    </Button>
                  )}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 230,
              render: (_: unknown, u) =>
                u.id === me?.id ? null : (
                  <Space size={4} wrap>
                    {u.isActive ? (
                      <Popconfirm
                        title={t('accounts.deactivateConfirm', { name: u.displayName })}
                        okText={t('accounts.deactivate')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() => update.mutateAsync({ id: u.id, body: { isActive: false } })}
                      >
                        <Button size="small" danger icon={<LockOutlined aria-hidden />}>
                          {t('accounts.deactivate')}
                        </Button>
                      </Popconfirm>
                    ) : (
                      <Button size="small" onClick={() => update.mutate({ id: u.id, body: { isActive: true } })}>
                        {t('accounts.activate')}
                      </Button>
                    )}
                    {locked(u) && (
                      <Tooltip title={t('accounts.unlockHint')}>
                        <Button size="small" icon={<UnlockOutlined aria-hidden />} onClick={() => update.mutate({ id: u.id, body: { unlock: true } })}>
                          {t('accounts.unlock')}
                        </Button>
                      </Tooltip>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          void message.success(t('accounts.created', { name: u.username }));
          refresh();
          if (roles.length > 0) setGranting(u);
        }}
      />
      <GrantModal
        user={granting}
        roles={roles}
        onClose={() => setGranting(null)}
        onGranted={() => {
          void message.success(t('accounts.granted'));
          refresh();
          void qc.invalidateQueries({ queryKey: ['me'] });
        }}
      />
    </>
  );
}
