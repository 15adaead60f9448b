import { App as AntdApp } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

/** Asks before leaving the page (in the app or by closing the tab) while edits are unsaved. */
export function useUnsavedGuard(dirty: boolean) {
  const { t } = useTranslation();
  const { modal } = AntdApp.useApp();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('plans.detail.unsavedTitle'),
      content: t('plans.detail.unsavedText'),
      okText: t('plans.detail.leave'),
      cancelText: t('plans.detail.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [blocker.state]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
