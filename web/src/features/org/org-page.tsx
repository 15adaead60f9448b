import { UploadOutlined } from '@ant-design/icons';
import type { UnitDetail, UnitView } from '@thidua/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Button, Card, Checkbox, Col, Empty, Grid, Row, Skeleton, Tree, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../app/forms';
import { useDebounced } from '../../app/hooks';
import { PageHeader } from '../../app/page-header';
import { can, useMe } from '../../app/session';
import { rememberUnits, unitKeys, unitsApi } from './org-api';
import { RetireUnitModal } from './retire-unit-modal';
import { UnitDetailPanel } from './unit-detail';
import { UnitFormModal, type UnitFormTarget } from './unit-form-modal';
import { UnitStatusTag } from './unit-status-tag';
import { useUnitTree } from './use-unit-tree';
import { SearchInput } from '../../app/search-input';

const ImportWizard = lazy(() => import('../imports/import-wizard').then((m) => ({ default: m.ImportWizard })));

/** /don-vi — the organisation tree (loaded level by level), search, and the selected unit's details. */
export default function OrgPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { message } = AntdApp.useApp();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('id')) || null;
  const [includeInactive, setIncludeInactive] = useState(false);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [formTarget, setFormTarget] = useState<UnitFormTarget | null>(null);
  const [retiring, setRetiring] = useState<UnitView | null>(null);
  const [importing, setImporting] = useState(false);
  const detailRef = useRef<HTMLDivElement>(null);

  const renderTitle = useCallback(
    (u: UnitView) => (
      <span>
        {u.name}
        {u.status !== 'active' && (
          <>
            {' '}
            <UnitStatusTag status={u.status} />
          </>
        )}
      </span>
    ),
    [],
  );
  const tree = useUnitTree(includeInactive, renderTitle);

  const results = useQuery({
    queryKey: unitKeys.list({ q, includeInactive, limit: 100 }),
    queryFn: async () => {
      const r = await unitsApi.list({ q, includeInactive, limit: 100 });
      rememberUnits(r.items);
      return r.items;
    },
    enabled: q.length > 0,
  });

  const select = (id: number) => {
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set('id', String(id));
      return n;
    });
  };

  // Reveal the selected unit in the tree: expand its ancestors once its details arrive.
  const selectedDetail = useQuery({
    queryKey: unitKeys.detail(selectedId ?? 0),
    queryFn: () => unitsApi.get(selectedId!),
    enabled: selectedId !== null,
  });
  const revealFor = selectedDetail.data?.id;
  useEffect(() => {
    const anc = selectedDetail.data?.ancestors ?? [];
    if (anc.length === 0) return;
    setExpanded((keys) => {
      const add = anc.map((a) => String(a.id)).filter((k) => !keys.includes(k));
      return add.length ? [...keys, ...add] : keys;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealFor]);

  useEffect(() => {
    // On a phone the details sit below the tree: bring them into view.
    if (selectedId && !screens.md) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [selectedId, screens.md]);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: unitKeys.all });
    tree.reload();
  };

  const openEdit = (u: UnitDetail) => setFormTarget({ mode: 'edit', unit: u });

  return (
    <>
      <PageHeader
        title={t('org.title')}
        extra={
          can(me, 'unit.write') ? (
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              {t('org.importUnits')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} xl={9}>
          <Card>
            <SearchInput
              aria-label={t('common.search')}
              placeholder={t('org.searchPlaceholder')}
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 8 }}
            />
            <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} style={{ marginBottom: 12 }}>
              {t('org.showInactive')}
            </Checkbox>
            {q ? (
              results.error ? (
                <ErrorAlert error={results.error} />
              ) : (
                <div aria-busy={results.isFetching}>
                  {results.isFetching && !results.data ? (
                    <Skeleton active paragraph={{ rows: 3 }} title={false} />
                  ) : (results.data ?? []).length === 0 ? (
                    <Typography.Text type="secondary">{t('common.noResults')}</Typography.Text>
                  ) : (
                    <ul className="simple-list" aria-label={t('org.searchResults')}>
                      {(results.data ?? []).map((u) => (
                        <li key={u.id} style={{ justifyContent: 'flex-start' }}>
                          <Typography.Link
                            href={`?id=${u.id}`}
                            onClick={(e) => {
                              e.preventDefault();
                              select(u.id);
                            }}
                            strong={u.id === selectedId}
                          >
                            {u.name}
                          </Typography.Link>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {u.code}
                          </Typography.Text>
                          {u.status !== 'active' && <UnitStatusTag status={u.status} />}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )
            ) : tree.rootsError ? (
              <ErrorAlert error={tree.rootsError} />
            ) : tree.loadingRoots && tree.treeData.length === 0 ? (
              <Skeleton active />
            ) : tree.treeData.length === 0 ? (
              <Empty description={t('org.noUnits')} />
            ) : (
              <Tree
                aria-label={t('org.treeLabel')}
                treeData={tree.treeData}
                loadData={tree.loadData}
                loadedKeys={tree.loadedKeys}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys)}
                selectedKeys={selectedId ? [String(selectedId)] : []}
                onSelect={(keys) => {
                  const k = keys[0];
                  if (k !== undefined) select(Number(k));
                }}
                showLine
                blockNode
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} xl={15}>
          <div ref={detailRef} style={{ scrollMarginTop: 72 }}>
            {selectedId ? (
              <UnitDetailPanel
                id={selectedId}
                onSelect={select}
                onAddChild={(u) => setFormTarget({ mode: 'create', parent: { id: u.id, name: u.name } })}
                onEdit={openEdit}
                onRetire={(u) => setRetiring(u)}
              />
            ) : (
              <Card>
                <Empty description={t('org.selectUnit')} />
              </Card>
            )}
          </div>
        </Col>
      </Row>
      <UnitFormModal
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={(u) => {
          void message.success(t('common.saved'));
          refresh();
          select(u.id);
          if (u.parentId) setExpanded((keys) => (keys.includes(String(u.parentId)) ? keys : [...keys, String(u.parentId)]));
        }}
      />
      <RetireUnitModal
        unit={retiring}
        onClose={() => setRetiring(null)}
        onDone={() => {
          void message.success(t('common.saved'));
          refresh();
        }}
      />
      {importing && (
        <Suspense fallback={null}>
          <ImportWizard kind="units" open={importing} onClose={() => setImporting(false)} onImported={refresh} />
        </Suspense>
      )}
    </>
  );
}
