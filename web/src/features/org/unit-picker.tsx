import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../app/hooks';
import { knownUnit, rememberUnits, unitKeys, unitsApi } from './org-api';

interface BaseProps {
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
  /** Also offer merged and dissolved units. */
  includeInactive?: boolean;
  /** Units never offered (e.g. the unit itself when choosing its new parent). */
  excludeIds?: number[];
  /** Units known by name beforehand (e.g. a block's current members). */
  seed?: { id: number; name: string; code?: string }[];
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
}

interface SingleProps extends BaseProps {
  multiple?: false;
  value?: number | null;
  onChange?: (value: number | null) => void;
}
interface MultipleProps extends BaseProps {
  multiple: true;
  value?: number[];
  onChange?: (value: number[]) => void;
}

/**
 * Chooses units by typing part of their name or code (diacritics-insensitive, searched on the server);
 * with an empty search it offers the user's top units.
 */
export function UnitPicker(props: SingleProps | MultipleProps) {
  const { t } = useTranslation();
  const { includeInactive = false, excludeIds, seed, multiple } = props;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  if (seed) rememberUnits(seed);

  const results = useQuery({
    queryKey: unitKeys.list({ q, includeInactive, limit: 30 }),
    queryFn: async () => {
      const r = await unitsApi.list({ q: q || undefined, includeInactive, limit: 30 });
      rememberUnits(r.items);
      return r.items;
    },
    staleTime: 30_000,
  });

  // A single value we have never seen: ask the server for its name.
  const single = !multiple && typeof props.value === 'number' ? props.value : null;
  const missing = single !== null && !knownUnit(single) ? single : null;
  const missingQuery = useQuery({
    queryKey: unitKeys.detail(missing ?? 0),
    queryFn: async () => {
      const u = await unitsApi.get(missing!);
      rememberUnits([u]);
      return u;
    },
    enabled: missing !== null,
  });

  const pending = search.trim() !== q || results.isLoading;
  const selectedIds: number[] = multiple ? (props.value ?? []) : single !== null ? [single] : [];
  const options = useMemo(() => {
    const exclude = new Set(excludeIds ?? []);
    const seen = new Set<number>();
    const out: { value: number; label: string; code: string; note: string }[] = [];
    const push = (id: number) => {
      if (seen.has(id) || exclude.has(id)) return;
      seen.add(id);
      const u = knownUnit(id);
      out.push({
        value: id,
        label: u?.name ?? `#${id}`,
        code: u?.code ?? '',
        note: u && u.status !== 'active' ? t(`org.status.${u.status}`) : '',
      });
    };
    // While the user is still typing, the last results are for another text: offer none of them.
    if (!pending) for (const u of results.data ?? []) push(u.id);
    for (const id of selectedIds) push(id);
    return out;
    // missingQuery.data re-labels a value fetched late
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results.data, pending, selectedIds.join(','), excludeIds?.join(','), missingQuery.data, t]);

  const common = {
    id: props.id,
    'aria-label': props['aria-label'],
    showSearch: { filterOption: false as const, onSearch: setSearch, searchValue: search },
    options,
    loading: pending || results.isFetching,
    placeholder: props.placeholder ?? t('org.pickerPlaceholder'),
    notFoundContent: pending || results.isFetching ? t('common.loading') : t('common.noResults'),
    allowClear: props.allowClear ?? true,
    disabled: props.disabled,
    style: { width: '100%', ...props.style },
    optionRender: (o: { data: { label?: React.ReactNode; code?: string; note?: string } }) => (
      <span>
        {o.data.label}
        {o.data.note ? ` (${o.data.note})` : ''}
        {o.data.code ? (
          <Typography.Text style={{ marginInlineStart: 6, fontSize: 12, color: 'rgba(0, 0, 0, 0.72)' }}>
            {o.data.code}
          </Typography.Text>
        ) : null}
      </span>
    ),
    onBlur: () => setSearch(''),
  };

  if (props.multiple) {
    return (
      <Select<number[]>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(v) => {
          setSearch('');
          props.onChange?.(v);
        }}
      />
    );
  }
  return (
    <Select<number>
      {...common}
      value={props.value ?? undefined}
      onChange={(v) => {
        setSearch('');
        props.onChange?.(v ?? null);
      }}
    />
  );
}
