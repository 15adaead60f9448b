import type { CSSProperties, ReactNode } from 'react';

// Plain headings and secondary text for the frame and the sign-in pages: antd's Typography brings
// about 20 kB (gzip) of ellipsis/copy/edit machinery that those pages do not need.

const headingBase: CSSProperties = { fontWeight: 600, lineHeight: 1.35, color: 'rgba(0, 0, 0, 0.88)', margin: 0 };

export function Heading({ level, children, style }: { level: 1 | 2; children: ReactNode; style?: CSSProperties }) {
  const H = level === 1 ? 'h1' : 'h2';
  return <H style={{ ...headingBase, fontSize: level === 1 ? 22 : 20, ...style }}>{children}</H>;
}

export function Muted({ children, style, block }: { children: ReactNode; style?: CSSProperties; block?: boolean }) {
  const s: CSSProperties = { color: 'rgba(0, 0, 0, 0.65)', ...style };
  return block ? <p style={{ margin: '0 0 1em', ...s }}>{children}</p> : <span style={s}>{children}</span>;
}
