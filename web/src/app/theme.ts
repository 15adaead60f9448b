import type { ThemeConfig } from 'antd';

/**
 * antd's default blue (#1677ff) fails WCAG AA on white; this primary gives about 6.7:1.
 * Status colours and secondary text are darkened for the same reason.
 */
export const PRIMARY = '#0b5cad';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    colorError: '#c0262d',
    colorSuccess: '#1e7b34',
    colorWarning: '#9a5b00',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.62)',
    borderRadius: 6,
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px' },
    // Light option highlights keep secondary text in the options readable.
    Select: { optionSelectedBg: '#e3edf8', optionActiveBg: '#f1f5fa' },
  },
};

/**
 * The theme as the app runs it: antd's component styles were made at build time
 * (vite.antd-styles.ts), so antd only sets the theme's CSS variables in the browser (zeroRuntime);
 * without animations for readers who ask their system for reduced motion.
 */
export function themeFor(reducedMotion: boolean): ThemeConfig {
  const running: ThemeConfig = { ...theme, hashed: false, zeroRuntime: true };
  return reducedMotion ? { ...running, token: { ...running.token, motion: false } } : running;
}

/** Solid tag colours (white text) that pass AA. */
export const tagColors = {
  active: '#1e7b34',
  merged: '#8a4b00',
  dissolved: '#5c5c5c',
  info: PRIMARY,
  danger: '#b3261e',
  neutral: '#4a5563',
} as const;
