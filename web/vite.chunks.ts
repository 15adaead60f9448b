import type { OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

// How the web app's JavaScript is cut into files (rolldown's codeSplitting groups). Over a slow
// connection each file costs a round trip and its headers, so the libraries every page needs go in
// a few long-cached files, and what only some pages need (tables, date pickers, uploads) stays with
// them. Groups capture their modules' dependencies too; the highest priority wins a module.

const nodeModule = (names: string[]) => new RegExp(`[\\\\/]node_modules[\\\\/](${names.map((n) => n.replace('/', '[\\\\/]')).join('|')})[\\\\/]`);
const antdComponent = (names: string[]) => new RegExp(`[\\\\/]node_modules[\\\\/]antd[\\\\/]es[\\\\/](${names.join('|')})[\\\\/]`);

/**
 * React, the router, the data cache, i18next and dayjs with its Vietnamese locale: every page, before
 * anything is drawn. dayjs's other plugins go with the date pickers, its English locale when chosen.
 */
const frameworkPackages = nodeModule(['react', 'react-dom', 'scheduler', 'react-router', '@tanstack', 'i18next', 'react-i18next']);
const dayjsCore = /[\\/]node_modules[\\/]dayjs[\\/](dayjs\.min|locale[\\/]vi|plugin[\\/]utc)\.js$/;
const framework = (id: string) => frameworkPackages.test(id) || dayjsCore.test(id);

/** antd's theme and style engine with what the sign-in page draws: a form, inputs, buttons, alerts. */
const antdBase = antdComponent([
  '_util', 'config-provider', 'theme', 'style', 'locale', 'version', 'app', 'message', 'modal', 'notification',
  'form', 'input', 'button', 'alert', 'divider', 'flex', 'space', 'grid', 'row', 'col', 'layout',
]);

/** The rest of what the app's frame and most pages show: the menu, cards, tags, text. */
const antdCommon = antdComponent([
  'menu', 'drawer', 'badge', 'card', 'tag', 'typography', 'tooltip', 'popover', 'popconfirm', 'skeleton',
  'spin', 'empty', 'descriptions', 'statistic', 'dropdown', 'radio', 'checkbox',
]);

/** The heavier antd families, each loaded by the pages that show one. */
const antdTable = antdComponent(['table', 'pagination']);
const antdSelect = antdComponent(['select', 'auto-complete', 'tree-select']);
const antdPicker = antdComponent(['date-picker', 'time-picker', 'calendar']);

const ownCode = /[\\/]web[\\/]src[\\/]|[\\/]packages[\\/]contracts[\\/]/;
/** The app's shared pieces of interface (form errors, the language switch, headings), used by most pages. */
const sharedInterface = /[\\/]web[\\/]src[\\/]app[\\/](forms|language-switch|page-header|search-input|text)\.tsx$/;

const contractSchemas = /[\\/]packages[\\/]contracts[\\/]src[\\/]schemas[\\/]/;

/** The modules boot.tsx imports, directly or through others, statically: filled by {@link collectBootModules}. */
const bootModules = new Set<string>();

/** Collects the static imports of the app's start (boot.tsx) once the module graph is known, before chunking. */
export function collectBootModules(boot: RegExp): Plugin {
  return {
    name: 'thidua:boot-modules',
    apply: 'build',
    buildEnd() {
      bootModules.clear();
      const start = [...this.getModuleIds()].find((id) => boot.test(id));
      if (!start) throw new Error(`collectBootModules: no module ${boot}`);
      const visit = (id: string) => {
        if (bootModules.has(id)) return;
        bootModules.add(id);
        this.getModuleInfo(id)?.importedIds.forEach(visit);
      };
      visit(start);
    },
  };
}

export const chunkGroups = [
  // Vite's helper for dynamic imports, which the entry needs before the app: in the app's file it
  // would make the entry import, and so run, the whole app before the splash is painted.
  { name: 'preload-helper', test: /^\0?vite[\\/]preload-helper/, priority: 60 },
  { name: 'framework', test: framework, priority: 50 },
  { name: 'antd-base', test: antdBase, priority: 45 },
  { name: 'antd', test: antdCommon, priority: 40 },
  { name: 'antd-table', test: antdTable, priority: 30 },
  { name: 'antd-select', test: antdSelect, priority: 30 },
  { name: 'antd-picker', test: antdPicker, priority: 30 },
  // Icons are a few hundred bytes each: one file for all rather than a request for each.
  { name: 'icons', test: nodeModule(['@ant-design/icons', '@ant-design/icons-svg']), priority: 35 },
  // The app's own code that starts it (router, API client, session, Vietnamese texts, shared enums):
  // the modules boot.tsx imports statically, and so never a route's page nor the English texts.
  // The contracts' Zod schemas are imported by them but shaken away (vite.config.ts): kept out, or
  // they would bring Zod with them.
  { name: 'app', test: (id: string) => ownCode.test(id) && bootModules.has(id) && !contractSchemas.test(id), priority: 10 },
  { name: 'app-ui', test: sharedInterface, priority: 9 },
];

/**
 * Every page first needs the app (boot.tsx, which the entry imports once the splash is painted) and
 * the root route's chunk (antd's theme and providers), which the router only asks for once the app
 * has run: a `modulepreload` for each and their imports in index.html lets the browser fetch them
 * alongside the entry instead of one round trip after another.
 */
export function preloadModules(modules: RegExp[]): Plugin {
  return {
    name: 'thidua:preload-modules',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const files = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          const chunk = bundle[file];
          if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
        };
        for (const module of modules) {
          const chunk = Object.values(bundle).find((c): c is OutputChunk => c.type === 'chunk' && !!c.facadeModuleId && module.test(c.facadeModuleId));
          if (!chunk) throw new Error(`preloadModules: no chunk for ${module}`);
          visit(chunk.fileName);
        }
        return [...files]
          .filter((f) => !html.includes(`/${f}"`))
          .map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * The entry's own stylesheet (base.css: the splash, a few kilobytes) written into index.html: the
 * splash can then be drawn as soon as the page arrives, without waiting for a stylesheet while the
 * scripts download.
 */
export function inlineEntryStyles(): Plugin {
  return {
    name: 'thidua:inline-entry-styles',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        return html.replace(/<link rel="stylesheet" crossorigin href="\/(assets\/[^"]+\.css)">/g, (tag, file: string) => {
          const asset = bundle[file];
          if (asset?.type !== 'asset') return tag;
          return `<style>${String(asset.source)}</style>`;
        });
      },
    },
  };
}
