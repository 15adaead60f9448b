import { RightOutlined } from '@ant-design/icons';
import type { TaskState, TaskView } from '@thidua/contracts';
import { Alert, Badge, Button, Card, Empty, Segmented, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../app/api';
import { formatDate } from '../../app/format';
import { Muted } from '../../app/text';
import { tagColors } from '../../app/theme';
import { useTasks } from './tasks-api';

// The inbox on the home page: each task with its state, its due date, the reason when it came back,
// and one click to do it.

const stateColor: Record<TaskState, string> = {
  overdue: tagColors.danger,
  returned: tagColors.merged,
  due_soon: '#8a4b00',
  open: tagColors.neutral,
};

type Filter = 'all' | 'urgent' | 'soon';
const inFilter = (f: Filter, t: TaskView) => f === 'all' || (f === 'urgent' ? t.state === 'overdue' || t.state === 'returned' : t.state === 'due_soon');

function StateTag({ task }: { task: TaskView }) {
  const { t } = useTranslation();
  const days = task.daysLeft ?? 0;
  const text =
    task.state === 'overdue'
      ? days < 0
        ? t('tasks.state.overdue', { days: -days })
        : t('tasks.state.overdueToday')
      : task.state === 'due_soon'
        ? days === 0
          ? t('tasks.state.dueToday')
          : t('tasks.state.due_soon', { days })
        : t(`tasks.state.${task.state}`);
  return (
    <Tag color={stateColor[task.state]} style={{ marginInlineEnd: 0 }}>
      {text}
    </Tag>
  );
}

function TaskRow({ task }: { task: TaskView }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const en = i18n.language === 'en';
  const title = en ? task.titleEn : task.title;
  const detail = en ? task.detailEn : task.detail;
  return (
    <li className="task-row" data-kind={task.kind} data-state={task.state}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 4 }}>
            <StateTag task={task} />
            <Muted style={{ fontSize: 13 }}>{task.dueDate ? t('tasks.due', { date: formatDate(task.dueDate) }) : t('tasks.noDue')}</Muted>
          </div>
          <Link to={task.link} style={{ fontWeight: 600, fontSize: 15, overflowWrap: 'anywhere' }}>
            {title}
          </Link>
          {detail && (
            <div>
              <Muted style={{ overflowWrap: 'anywhere' }}>{detail}</Muted>
            </div>
          )}
          {task.reason && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('tasks.reason', { reason: task.reason })} />}
        </div>
        <Button type={task.state === 'open' ? 'default' : 'primary'} onClick={() => void navigate(task.link)} aria-label={`${t('tasks.open')}: ${title}`}>
          {t('tasks.open')} <RightOutlined aria-hidden />
        </Button>
      </div>
    </li>
  );
}

/** The signed-in person's tasks, most pressing first; filters when there are many. */
export function TaskInbox() {
  const { t, i18n } = useTranslation();
  const tasks = useTasks();
  const [filter, setFilter] = useState<Filter>('all');
  const items = tasks.data?.items ?? [];
  const shown = items.filter((x) => inFilter(filter, x));
  const heading = (
    <h2 style={{ fontSize: 18, margin: 0, display: 'flex', alignItems: 'center', gap: 8 }}>
      {t('tasks.title')}
      {items.length > 0 && <Badge count={items.length} overflowCount={999} color={tagColors.info} aria-label={t('tasks.count', { count: items.length })} />}
    </h2>
  );
  return (
    <Card title={heading} styles={{ body: { paddingTop: items.length > 3 ? 12 : undefined } }}>
      {tasks.isLoading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : tasks.error ? (
        <Alert type="error" showIcon title={t('tasks.error')} description={errorText(tasks.error, i18n.language)} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span>{t('tasks.empty')}<br /><Muted style={{ fontSize: 13 }}>{t('tasks.emptyHint')}</Muted></span>} />
      ) : (
        <>
          {items.length > 3 && (
            <div style={{ overflowX: 'auto', marginBottom: 12 }}>
            <Segmented<Filter>
              value={filter}
              onChange={setFilter}
              options={[
                { value: 'all', label: `${t('tasks.filter.all')} (${items.length})` },
                { value: 'urgent', label: `${t('tasks.filter.urgent')} (${items.filter((x) => inFilter('urgent', x)).length})` },
                { value: 'soon', label: `${t('tasks.filter.soon')} (${items.filter((x) => inFilter('soon', x)).length})` },
              ]}
            />
            </div>
          )}
          <ul className="task-list" aria-label={t('tasks.title')}>
            {shown.map((task) => (
              <TaskRow key={task.key} task={task} />
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
