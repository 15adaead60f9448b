import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Save and discard under one section of the plan's review page; both wait for a change. Inside a
 * form, leave out `onSave`: the save button then submits the form.
 */
export function SectionActions({ dirty, saving, blocked = false, saveLabel, onSave, onDiscard }: { dirty: boolean; saving: boolean; blocked?: boolean; saveLabel: string; onSave?: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap style={{ marginTop: 12 }}>
      <Button type="primary" htmlType={onSave ? 'button' : 'submit'} disabled={!dirty || blocked} loading={saving} onClick={onSave}>
        {saveLabel}
      </Button>
      <Button disabled={!dirty} onClick={onDiscard}>
        {t('plans.detail.discard')}
      </Button>
    </Flex>
  );
}
