// Tessera's architecture boundaries as an ESLint rule: folders are runtimes,
// and each runtime may import only what runs there (STYLE.md, rule 1).
import type { Rule } from 'eslint';
import { builtinModules } from 'node:module';
import path from 'node:path';

export type Zone = 'shared' | 'renderer' | 'preload' | 'main-adapter' | 'main' | 'server';

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Globals that exist only in a browser page: shared/ must not touch them. */
const domGlobals = new Set([
  'window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'indexedDB',
  'HTMLElement', 'Element', 'Node', 'Event', 'CustomEvent', 'MutationObserver', 'requestAnimationFrame',
  'getComputedStyle', 'matchMedia', 'alert', 'confirm', 'prompt', 'XMLHttpRequest', 'Worker',
]);

/** The runtime of a file, from its path relative to the project root (forward slashes). */
export function zoneOf(file: string): Zone | null {
  if (file.startsWith('shared/')) return 'shared';
  if (file.startsWith('renderer/')) return 'renderer';
  if (file.startsWith('electron/preload/')) return 'preload';
  // The Electron entry point and the adapters behind main's ports.
  if (file === 'electron/main/index.ts' || file.startsWith('electron/main/electron/')) return 'main-adapter';
  if (file.startsWith('electron/main/')) return 'main';
  if (file.startsWith('server/')) return 'server';
  return null;
}

/** Which top-level folder a relative import lands in. */
function targetFolder(fromFile: string, specifier: string): string | null {
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  if (resolved.startsWith('../')) return null;
  if (resolved.startsWith('electron/main/electron/')) return 'electron/main/electron';
  if (resolved.startsWith('electron/main/')) return 'electron/main';
  if (resolved.startsWith('electron/preload/')) return 'electron/preload';
  return resolved.split('/')[0] ?? null;
}

const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
const isElectronStore = (s: string) => s === 'electron-store';

const keychainModules = /^(@napi-rs\/keyring|@homebridge\/dbus-native|keytar)(\/|$)/;

/**
 * The local replica and the sync engine are headless (STYLE.md, 6): files in
 * renderer/db/ and renderer/sync/ import no React, no zustand and no view,
 * shell or store module — except the glue that binds them to the UI, named
 * as such: hooks (`use*.ts`) and the adapter folding the engine's events into
 * the status store (`*Adapter.ts`).
 */
export function isHeadless(file: string): boolean {
  if (!file.startsWith('renderer/db/') && !file.startsWith('renderer/sync/')) return false;
  // A test belongs where its subject does.
  const name = path.posix.basename(file).replace(/\.test(\.tsx?)$/, '$1');
  return !/^use[A-Z]/.test(name) && !/Adapter\.tsx?$/.test(name);
}

function headlessProblem(fromFile: string, specifier: string): string | null {
  if (!isHeadless(fromFile)) return null;
  if (/^(react|react-dom|zustand)(\/|$)/.test(specifier)) return 'The replica and the sync engine are headless: no React or zustand here (report through events; an adapter folds them into a store).';
  if (!specifier.startsWith('.')) return null;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  if (/^renderer\/(state|views|shell)\//.test(target)) return 'The replica and the sync engine are headless: they must not import views, the shell or UI stores.';
  if ((target.startsWith('renderer/db/') || target.startsWith('renderer/sync/')) && !isHeadless(target)) return 'The replica and the sync engine are headless: they must not import their UI glue (hooks, stores, adapters).';
  return null;
}

/** Why an import is not allowed in a zone, or null when it is. */
export function checkImport(zone: Zone, fromFile: string, specifier: string, typeOnly: boolean): string | null {
  if (keychainModules.test(specifier) && !fromFile.startsWith('electron/main/vault/')) {
    return 'Only the credential vault (electron/main/vault/) talks to the OS keychain.';
  }
  const relative = specifier.startsWith('.');
  const folder = relative ? targetFolder(fromFile, specifier) : null;
  switch (zone) {
    case 'shared':
      if (isElectron(specifier) || isElectronStore(specifier)) return 'shared/ is pure TypeScript: it must not import Electron.';
      if (nodeBuiltins.has(specifier)) return 'shared/ runs everywhere: it must not import Node built-ins.';
      if (relative && folder !== 'shared') return 'shared/ must not import from other folders.';
      if (!relative && /^(react|react-dom|zustand|rxdb|dexie|echarts)(\/|$)/.test(specifier)) return 'shared/ must not depend on UI or storage libraries.';
      return null;
    case 'renderer':
      if (isElectron(specifier) || isElectronStore(specifier)) return 'renderer/ must not import Electron: talk to main through window.tessera.';
      if (nodeBuiltins.has(specifier)) return 'renderer/ runs in a sandboxed page: it must not import Node built-ins.';
      if (relative && folder !== 'renderer' && folder !== 'shared') return 'renderer/ may import only renderer/ and shared/.';
      return headlessProblem(fromFile, specifier);
    case 'preload':
      if (specifier === 'electron') return null;
      if (relative && (folder === 'shared' || folder === 'electron/preload')) return null;
      return "electron/preload may import only 'electron' (renderer-side APIs) and shared/.";
    case 'main':
      if (isElectron(specifier) && !typeOnly) return 'Only the adapters in electron/main/electron/ may import Electron; put it behind a port.';
      if (isElectronStore(specifier)) return 'electron-store loads Electron: only the adapters in electron/main/electron/ may import it.';
      if (relative && (folder === 'renderer' || folder === 'electron/main/electron')) return 'Services in electron/main must not import the renderer or the Electron adapters.';
      return null;
    case 'main-adapter':
      if (relative && folder === 'renderer') return 'electron/main must not import the renderer.';
      return null;
    case 'server':
      if (isElectron(specifier) || isElectronStore(specifier)) return 'server/ is a plain Node program: it must not import Electron.';
      if (relative && folder !== 'server' && folder !== 'shared') return 'server/ may import only server/ and shared/.';
      return null;
  }
}

type Options = [{ root?: string }?];

function fileOf(context: Rule.RuleContext): string {
  const root = (context.options as Options)[0]?.root ?? context.cwd;
  return path.relative(root, context.filename).split(path.sep).join('/');
}

/** Import-like nodes carry `importKind`/`exportKind` when typescript-eslint parses them. */
type WithKinds = { importKind?: string; exportKind?: string };

export const architectureRule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each runtime folder to the imports that run there.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { boundary: '{{reason}} (import of "{{specifier}}")', domGlobal: 'shared/ must not use the DOM global "{{name}}".' },
  },
  create(context) {
    const file = fileOf(context);
    const zone = zoneOf(file);
    if (!zone) return {};
    const check = (node: Rule.Node, source: { value?: unknown } | null | undefined, typeOnly: boolean) => {
      if (!source || typeof source.value !== 'string') return;
      const reason = checkImport(zone, file, source.value, typeOnly);
      if (reason) context.report({ node, messageId: 'boundary', data: { reason, specifier: source.value } });
    };
    return {
      ImportDeclaration(node) {
        const kinds = node as unknown as WithKinds;
        const typeOnly =
          kinds.importKind === 'type' ||
          (node.specifiers.length > 0 && node.specifiers.every((s) => (s as unknown as WithKinds).importKind === 'type'));
        check(node, node.source, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source, (node as unknown as WithKinds).exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, node.source, (node as unknown as WithKinds).exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source, false);
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0], false);
        }
      },
      'Program:exit'(program) {
        if (zone !== 'shared') return;
        const scope = context.sourceCode.getScope(program);
        const globalScope = scope.type === 'global' ? scope : scope.upper;
        for (const reference of globalScope?.through ?? []) {
          const name = reference.identifier.name;
          if (domGlobals.has(name)) context.report({ node: reference.identifier, messageId: 'domGlobal', data: { name } });
        }
      },
    };
  },
};

export const windowFactoryRule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Every BrowserWindow is created by the window adapter from createWindowOptions.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { direct: 'Create windows with openWindow(createWindowOptions(...)) from electron/main/electron/windows.ts.' },
  },
  create(context) {
    if (fileOf(context) === 'electron/main/electron/windows.ts') return {};
    const report = (node: Rule.Node) => context.report({ node, messageId: 'direct' });
    return {
      "NewExpression[callee.name='BrowserWindow']": report,
      "NewExpression[callee.property.name='BrowserWindow']": report,
    };
  },
};

export default {
  meta: { name: 'tessera' },
  rules: { architecture: architectureRule, 'window-factory': windowFactoryRule },
};
