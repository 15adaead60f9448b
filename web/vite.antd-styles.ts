import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import type { ThemeConfig } from 'antd';

// antd's styles made once at build time instead of in every reader's browser.
//
// antd computes each component's CSS in JavaScript the first time the component is drawn
// (CSS-in-JS): on a phone that is most of the work of the first page after React itself. With
// `zeroRuntime` (src/app/providers.tsx) antd skips it and expects a stylesheet; the full
// `antd/dist/antd.css` is a megabyte of rules for 80 components. This plugin draws every antd
// component once in Node with the app's theme (as antd makes its own antd.css, through
// @ant-design/static-style-extract), keeps each component's styles apart, and attaches them to the
// module that registers them at run time: `antd/es/button/style/index.js` imports the Button's CSS.
// So a page's CSS is exactly that of the antd modules in its chunks, loaded with them, and a
// component that the app never bundles brings no CSS.
//
// The rules sit in the cascade layer `antd`, below every unlayered rule: the app's own CSS
// (src/app/base.css) keeps winning over antd's as it did when antd inserted its styles first. The
// theme's values reach the rules through CSS variables, which antd still sets at run time from the
// theme (colour, radius, motion off for readers asking for reduced motion).

const require = createRequire(import.meta.url);

/** The style hooks a module of antd registers, by the name antd files their styles under. */
const HOOK_CALL = /\b(genStyleHooks|genSubStyleComponent|genComponentStyleHook)\(\s*(?:'([^']+)'|\[\s*'([^']+)'\s*,\s*'([^']+)'\s*\])/g;

/** Styles registered outside the components' style modules: the global reset and the icons'. */
const SPECIAL_MODULES: [RegExp, string][] = [
  [/[\\/]antd[\\/]es[\\/]theme[\\/]util[\\/]genStyleUtils\.js$/, 'Shared'],
  [/[\\/]antd[\\/]es[\\/]theme[\\/]util[\\/]useResetIconStyle\.js$/, 'ant-design-icons'],
];

/**
 * Styles that antd registers but this app never draws: the deprecated BackTop (the app has none),
 * and the pagination's bordered look, drawn only with the `wireframe` theme (not ours).
 */
const NEVER_DRAWN = new Set(['BackTop-BackTop', 'Pagination-bordered']);

const VIRTUAL = 'virtual:antd-style/';
const RESOLVED = '\0' + VIRTUAL;

/** The names of the styles a module registers ('Button-Button', 'Input-Search', 'Shared'…). */
export function styleNamesOf(id: string, code: string): string[] {
  for (const [test, name] of SPECIAL_MODULES) if (test.test(id)) return [name];
  if (!/[\\/]antd[\\/]es[\\/]/.test(id)) return [];
  const names = new Set<string>();
  for (const m of code.matchAll(HOOK_CALL)) names.add(m[2] ? `${m[2]}-${m[2]}` : `${m[3]}-${m[4]}`);
  return [...names];
}

/**
 * Every antd component drawn once with the theme, in Node; the CSS of each style, by name. Styles
 * registered under one name for several class prefixes (the grid's rows and columns) are joined.
 */
export function extractAntdStyles(theme: ThemeConfig): Map<string, string> {
  // antd's CommonJS build, as @ant-design/static-style-extract loads it: one copy of antd, React
  // and the style engine, so that the cache given here is the one the components write to.
  const React = require('react') as typeof import('react');
  const { ConfigProvider, Form, Input } = require('antd') as typeof import('antd');
  const cssinjs = require('@ant-design/cssinjs') as typeof import('@ant-design/cssinjs');
  const { extractStyle } = require('@ant-design/static-style-extract') as typeof import('@ant-design/static-style-extract');

  const cache = cssinjs.createCache();
  const quiet = console.error;
  const warn = console.warn;
  // antd warns in development builds about its deprecated components, which are drawn here only for their styles.
  console.error = console.warn = () => undefined;
  try {
    extractStyle((node) =>
      React.createElement(
        cssinjs.StyleProvider,
        { cache },
        React.createElement(
          ConfigProvider,
          { theme: { ...theme, hashed: false, zeroRuntime: false } },
          node,
          // A form item's own styles, which the extractor's list of top-level components never draws.
          React.createElement(Form, null, React.createElement(Form.Item, { label: 'x' }, React.createElement(Input))),
        ),
      ),
    );
  } finally {
    console.error = quiet;
    console.warn = warn;
  }

  const styles = new Map<string, string>();
  for (const key of cache.cache.keys()) {
    // 'style%<hash>%<name>%<prefix>%…': component styles only; the theme's variables stay at run time.
    const [kind, hash, name] = key.split('%');
    if (kind !== 'style' || !name) continue;
    if (hash) throw new Error(`antd styles: ${key} is hashed; they must be extracted with hashed: false`);
    const one = cssinjs.createCache();
    one.cache.set(key, cache.cache.get(key)!);
    // The extraction ends with a map of its cache paths, which only server rendering reads.
    const css = cssinjs.extractStyle(one, { plain: true, types: ['style'] }).replace(/\.data-ant-cssinjs-cache-path\{content:"[^"]*";\}/, '');
    styles.set(name, (styles.get(name) ?? '') + css);
  }
  return styles;
}

/**
 * The plugin: antd's modules that register styles import their CSS (as `virtual:antd-style/<name>.css`),
 * and Vite bundles it with their chunk. `@layer antd` keeps the app's own rules on top.
 */
export function antdStaticStyles(theme: ThemeConfig): Plugin {
  let styles: Map<string, string> | null = null;
  const extracted = () => (styles ??= extractAntdStyles(theme));
  return {
    name: 'thidua:antd-static-styles',
    enforce: 'pre',
    transform(code, id) {
      const names = styleNamesOf(id, code);
      if (names.length === 0) return null;
      return { code: `${code}\n${names.map((n) => `import ${JSON.stringify(VIRTUAL + n + '.css')};`).join('\n')}\n`, map: null };
    },
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? RESOLVED + id.slice(VIRTUAL.length) : null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      const name = id.slice(RESOLVED.length).replace(/\.css$/, '');
      const css = extracted().get(name) ?? (NEVER_DRAWN.has(name) ? '' : undefined);
      // A hook whose styles antd inserts empty (Tooltip's under Popover's prefix) has nothing to extract;
      // any other name missing means antd changed how it files its styles: better a failed build than unstyled pages.
      if (css === undefined) throw new Error(`antd styles: no extracted styles for ${name} (registered in antd but not drawn by static-style-extract)`);
      return css ? `@layer antd {\n${css}\n}\n` : '';
    },
  };
}
