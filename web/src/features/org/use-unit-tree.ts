import type { UnitView } from '@thidua/contracts';
import type { TreeDataNode } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { rememberUnits, unitsApi } from './org-api';

const ROOT = 'root';

/**
 * The organisation tree, loaded one level at a time. `reload` forgets every loaded level;
 * the antd Tree then loads again the nodes that are still expanded.
 */
export function useUnitTree(includeInactive: boolean, renderTitle: (u: UnitView) => React.ReactNode) {
  const [levels, setLevels] = useState<Record<string, UnitView[]>>({});
  const [rootsError, setRootsError] = useState<unknown>(null);
  const [loadingRoots, setLoadingRoots] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoadingRoots(true);
    setRootsError(null);
    unitsApi
      .list({ includeInactive, limit: 500 })
      .then((r) => {
        if (cancelled) return;
        rememberUnits(r.items);
        setLevels({ [ROOT]: r.items });
      })
      .catch((e: unknown) => {
        if (!cancelled) setRootsError(e);
      })
      .finally(() => {
        if (!cancelled) setLoadingRoots(false);
      });
    return () => {
      cancelled = true;
    };
  }, [includeInactive, generation]);

  const loadData = useCallback(
    async (node: { key: React.Key }) => {
      const parentId = Number(node.key);
      const r = await unitsApi.list({ parentId, includeInactive, limit: 500 });
      rememberUnits(r.items);
      setLevels((prev) => ({ ...prev, [String(parentId)]: r.items }));
    },
    [includeInactive],
  );

  const treeData = useMemo(() => {
    const build = (units: UnitView[]): TreeDataNode[] =>
      units.map((u) => {
        const kids = levels[String(u.id)];
        return {
          key: String(u.id),
          title: renderTitle(u),
          isLeaf: u.childCount === 0 || (kids !== undefined && kids.length === 0),
          children: kids ? build(kids) : undefined,
        };
      });
    return build(levels[ROOT] ?? []);
  }, [levels, renderTitle]);

  const loadedKeys = useMemo(() => Object.keys(levels).filter((k) => k !== ROOT), [levels]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { treeData, loadData, loadedKeys, reload, loadingRoots, rootsError };
}
