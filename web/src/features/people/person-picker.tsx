import type { PersonView } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../app/hooks';
import { peopleApi } from './people-api';

/** Chooses a person by typing part of the name or code (server-side, diacritics-insensitive). */
export function PersonPicker({
  id,
  value,
  onChange,
  onPick,
  placeholder,
}: {
  id?: string;
  value?: number | null;
  onChange?: (v: number | null) => void;
  onPick?: (p: PersonView | null) => void;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [picked, setPicked] = useState<PersonView | null>(null);
  const results = useQuery({
    queryKey: ['people', 'picker', q],
    queryFn: () => peopleApi.list({ page: 1, pageSize: 20, q }),
    enabled: q.length > 0,
  });
  const pending = search.trim() !== q;
  const items = pending ? [] : (results.data?.items ?? []);
  const all = picked && !items.some((p) => p.id === picked.id) ? [picked, ...items] : items;
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      placeholder={placeholder ?? t('people.pickerPlaceholder')}
      loading={pending || results.isFetching}
      notFoundContent={q ? t('common.noResults') : t('people.typeToSearch')}
      options={all.map((p) => ({ value: p.id, label: p.fullName, hint: `${p.code ? `${p.code} · ` : ''}${p.unitName}` }))}
      optionRender={(o) => (
        <span>
          {o.data.label}{' '}
          <Typography.Text style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.72)' }}>
            {o.data.hint}
          </Typography.Text>
        </span>
      )}
      onChange={(v) => {
        const p = all.find((x) => x.id === v) ?? null;
        setPicked(p);
        setSearch('');
        onChange?.(v ?? null);
        onPick?.(p);
      }}
    />
  );
}
