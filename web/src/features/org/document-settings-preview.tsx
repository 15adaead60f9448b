import type { DocumentSettings } from '@thidua/contracts';
import { useTranslation } from 'react-i18next';

// The top of a document and its signature as the unit's settings print them (Nghị định 30/2020):
// the governing body in capitals over the issuing body in bold capitals with a short rule, "Số:",
// Quốc hiệu and Tiêu ngữ, the place and date in italics; the signature block on the right.

const upper = (s: string) => s.toLocaleUpperCase('vi-VN');
const lines = (s: string | undefined) => (s ?? '').split('\n').filter((l) => l.trim() !== '');

const paper: React.CSSProperties = {
  fontFamily: '"Times New Roman", Tinos, "Liberation Serif", serif',
  fontSize: 13,
  lineHeight: 1.3,
  color: '#000',
  background: '#fff',
  border: '1px solid #d9d9d9',
  padding: '12px 16px',
  borderRadius: 4,
};
const rule = (width: string): React.CSSProperties => ({ width, margin: '2px auto 0', borderTop: '1px solid #000' });

export function DocumentSettingsPreview({ settings }: { settings: DocumentSettings }) {
  const { t } = useTranslation();
  const signature = [...(settings.signPrefix ? [`${settings.signPrefix} ${settings.signAuthority}`] : []), ...lines(settings.signerTitle)].map(upper);
  return (
    <div style={paper} aria-label={t('unitDocuments.preview')} role="figure">
      <div style={{ display: 'flex', gap: 12 }}>
        <div style={{ flex: '0 0 42%', textAlign: 'center' }}>
          {lines(settings.governingBody).map((l, i) => (
            <div key={i}>{upper(l)}</div>
          ))}
          {lines(settings.issuingBody).map((l, i) => (
            <div key={i} style={{ fontWeight: 700 }}>
              {upper(l)}
            </div>
          ))}
          <div style={rule('35%')} />
          <div style={{ marginTop: 6 }}>{t('unitDocuments.previewNumber', { code: settings.codeSuffix || '…' })}</div>
        </div>
        <div style={{ flex: 1, textAlign: 'center' }}>
          <div style={{ fontWeight: 700, fontSize: 12 }}>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div style={{ fontWeight: 700 }}>Độc lập - Tự do - Hạnh phúc</div>
          <div style={rule('60%')} />
          <div style={{ marginTop: 6, fontStyle: 'italic' }}>{t('unitDocuments.previewDate', { place: settings.place || '…' })}</div>
        </div>
      </div>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
        <div style={{ width: '50%', textAlign: 'center' }}>
          {signature.map((l, i) => (
            <div key={i} style={{ fontWeight: 700 }}>
              {l}
            </div>
          ))}
          <div style={{ height: 40 }} />
          <div style={{ fontWeight: 700 }}>{settings.signerName || '\u00a0'}</div>
        </div>
      </div>
    </div>
  );
}
