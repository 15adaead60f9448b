import { Flex } from 'antd';
import type { CSSProperties } from 'react';

// Two small charts in plain SVG: a chart library would add far more to this page's chunk than the
// three cards need. Each chart carries its figures in an aria-label and in a legend with numbers,
// so colour is never the only way to read it.

export interface ChartPart {
  key: string;
  label: string;
  value: number;
  color: string;
}

const swatch = (color: string): CSSProperties => ({ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: color, flex: 'none' });

/** "Tự đánh giá 3, Hoàn tất 12" — the parts as one sentence for screen readers. */
export function partsText(parts: ChartPart[], format: (n: number) => string): string {
  return parts.map((p) => `${p.label} ${format(p.value)}`).join(', ');
}

export function Legend({ parts, format }: { parts: ChartPart[]; format: (n: number) => string }) {
  return (
    <Flex component="ul" wrap gap="4px 12px" style={{ listStyle: 'none', margin: '8px 0 0', padding: 0, fontSize: 13 }}>
      {parts.map((p) => (
        <li key={p.key} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          <span aria-hidden style={swatch(p.color)} />
          <span>
            {p.label}: <strong>{format(p.value)}</strong>
          </span>
        </li>
      ))}
    </Flex>
  );
}

/** One horizontal bar split into the parts, as wide as its container. */
export function StackedBar({ parts, label, height = 14 }: { parts: ChartPart[]; label: string; height?: number }) {
  const total = parts.reduce((s, p) => s + p.value, 0);
  let x = 0;
  return (
    <svg role="img" aria-label={label} width="100%" height={height} viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" style={{ display: 'block', borderRadius: 4, background: '#f0f0f0' }}>
      {total > 0 &&
        parts.map((p) => {
          const w = (p.value / total) * 100;
          const rect = <rect key={p.key} x={x} y={0} width={w} height={height} fill={p.color} />;
          x += w;
          return rect;
        })}
    </svg>
  );
}

/** A ring split into the parts, with a figure in the middle. */
export function Donut({ parts, label, center, size = 132 }: { parts: ChartPart[]; label: string; center: string; size?: number }) {
  const total = parts.reduce((s, p) => s + p.value, 0);
  const r = 15.915; // circumference 100: dash lengths are percentages
  let offset = 25; // start at twelve o'clock
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox="0 0 42 42" style={{ display: 'block', flex: 'none' }}>
      <circle cx="21" cy="21" r={r} fill="none" stroke="#f0f0f0" strokeWidth="6" />
      {total > 0 &&
        parts
          .filter((p) => p.value > 0)
          .map((p) => {
            const pct = (p.value / total) * 100;
            const arc = <circle key={p.key} cx="21" cy="21" r={r} fill="none" stroke={p.color} strokeWidth="6" strokeDasharray={`${pct} ${100 - pct}`} strokeDashoffset={offset} />;
            offset -= pct;
            return arc;
          })}
      <text x="21" y="23.5" textAnchor="middle" fontSize="7" fontWeight="600" fill="rgba(0,0,0,0.88)">
        {center}
      </text>
    </svg>
  );
}

/** Colours of the assessment stages and of the usual band keys; other keys get a grey. */
export const stageColors = { notStarted: '#d9d9d9', self: '#8c8c8c', review: '#d48806', council: '#2f54eb', final: '#237804' } as const;
const bandPalette: Record<string, string> = { excellent: '#237804', good: '#0958d9', pass: '#d48806', fail: '#cf1322' };
const spare = ['#722ed1', '#08979c', '#c41d7f', '#595959'];
export function bandColor(key: string, index: number): string {
  return bandPalette[key] ?? spare[index % spare.length]!;
}
