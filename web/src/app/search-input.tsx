import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import type { SearchProps } from 'antd/es/input';
import { useTranslation } from 'react-i18next';

/** antd's search box, with its button named in the user's language instead of the icon's "search". */
export function SearchInput(props: SearchProps) {
  const { t } = useTranslation();
  return <Input.Search {...props} enterButton={<Button aria-label={t('common.search')} icon={<SearchOutlined aria-hidden />} />} />;
}
