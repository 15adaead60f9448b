import { planDocumentTypes } from '@thidua/contracts';
import { useTranslation } from 'react-i18next';

type Known = (typeof planDocumentTypes)[number];
const known = (code: string): code is Known => (planDocumentTypes as readonly string[]).includes(code);

/** "Kế hoạch" for KH, "Chỉ thị" for CT…; an unusual code is shown as it is. */
export function useDocumentTypeName(): (code: string) => string {
  const { t } = useTranslation();
  return (code) => (known(code) ? t(`plans.documentTypes.${code}`) : code);
}
