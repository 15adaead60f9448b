import { Button, Flex, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from './hooks';

/**
 * "Not found", with a way back: for an address that matches no page, and for a record whose id in
 * the address is malformed, absent or not visible to the reader (the server answers 404 alike).
 */
export function NotFound({ back }: { back?: { to: string; label: string } }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(t('errors.notFoundTitle'));
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('errors.notFoundTitle')}</h1>}
      subTitle={t('errors.notFoundText')}
      extra={
        <Flex gap={8} wrap justify="center">
          {back && (
            <Button type="primary" onClick={() => void navigate(back.to)}>
              {back.label}
            </Button>
          )}
          <Button type={back ? 'default' : 'primary'} onClick={() => void navigate('/')}>
            {t('errors.notFoundBack')}
          </Button>
        </Flex>
      }
    />
  );
}

export default function NotFoundPage() {
  return <NotFound />;
}
