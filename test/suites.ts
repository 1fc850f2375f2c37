/**
 * The two suites `npm test` runs: unit (pure cores, in-process emulator and fakes; `npm run test:unit`) and
 * end-to-end (everything that starts a subprocess or needs the build: the built CLI, the emulator process, the
 * action bundle, a pty, prettier and oxlint). A test file is end-to-end when something it uses starts a process,
 * followed through every import: a helper in test/support, another test's helper file, a module of src/, at any
 * depth. So a new test lands in the right suite without a list of files to keep up to date, and a helper that
 * starts the CLI through another helper cannot hide it.
 *
 * The analysis reads top-level declarations (a line starting at column 0 starts one): a declaration starts a
 * process when its text names `node:child_process`'s functions, the build (`new URL('…/dist/…')`), or another
 * declaration (local or imported) that does. It errs towards end-to-end (a name in a comment or a property
 * counts); the unit suite backs it with a guard (test/support/unit-suite-guard.ts) that makes a test which still
 * starts a process fail, saying which file to move.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEST_DIR = join(ROOT, 'test');

const CHILD_PROCESS = /^(node:)?child_process$/;
/** A dynamic import or require of child_process anywhere in a file (the static imports are read below). */
const DYNAMIC_CHILD_PROCESS = /(?:import|require)\(\s*['"](?:node:)?child_process['"]\s*\)/;
/** The built CLI or demo: a file of dist/, which only `npm run build` makes. */
const NEEDS_BUILD = /new URL\(\s*['"`][^'"`]*\bdist\//;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const DECLARATION =
  /^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:async\s+)?(function\*?|class|const|let|var|interface|type|enum|abstract\s+class)\s+([A-Za-z_$][\w$]*)/;

interface Binding {
  /** A module of child_process, or an absolute path of a .ts file. */
  from: string;
  /** The name it exports, or '*' for a namespace import. */
  name: string;
}

interface ModuleInfo {
  /** Local name → where an import binds it from. */
  imports: Map<string, Binding>;
  /** Local name → the identifiers its declaration mentions, and whether it needs the build itself. */
  declarations: Map<string, { names: Set<string>; seed: boolean; typeOnly: boolean }>;
  /** Exported name → local name, or a binding re-exported from another module. */
  exports: Map<string, string | Binding>;
  /** Modules whose every export this one re-exports (`export * from`). */
  starExports: string[];
  /** The identifiers top-level statements that declare nothing mention (a test's `describe(...)`), and whether one needs the build. */
  body: { names: Set<string>; seed: boolean };
  dynamicChildProcess: boolean;
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/**
 * The code of a statement without the text of its string literals (a template keeps its `${…}` expressions), but
 * with the specifiers of `new URL(…)`, `import(…)` and `require(…)`, which say what the code loads or runs.
 */
function withoutStrings(code: string): string {
  const literal = /(?:new URL|import|require)\(\s*(?:'[^'\n]*'|"[^"\n]*"|`[^`]*`)|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
  return code.replace(literal, (match) => {
    if (/^[nir]/.test(match)) return match;
    if (!match.startsWith('`')) return "''";
    return [...match.matchAll(/\$\{([^}]*)\}/g)].map(([, expression]) => expression).join(' ');
  });
}

/** The top-level statements of a module: each starts at a line whose first character is not blank or a closing bracket. */
function statements(text: string): string[] {
  const chunks: string[] = [];
  for (const line of text.split('\n')) {
    if (/^[^\s})\]]/.test(line) || chunks.length === 0) chunks.push(line);
    else chunks[chunks.length - 1] += `\n${line}`;
  }
  return chunks;
}

/** The module a relative specifier names, as a .ts file of the repository; undefined for packages and for files that are not TypeScript. */
function resolveModule(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(fromFile), specifier);
  for (const candidate of [target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** `a`, `a as b`, `type a`, `default as b` from an import or export list: [exported name, local name] pairs, type-only ones left out. */
function namedList(list: string): [string, string][] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && !part.startsWith('type '))
    .map((part) => {
      const [name, alias] = part.split(/\s+as\s+/);
      return [name!, alias ?? name!];
    });
}

function parseModule(file: string, text: string): ModuleInfo {
  const info: ModuleInfo = {
    imports: new Map(),
    declarations: new Map(),
    exports: new Map(),
    starExports: [],
    body: { names: new Set(), seed: false },
    dynamicChildProcess: false,
  };
  for (const statement of statements(stripComments(text))) {
    const source = /\bfrom\s*['"]([^'"]+)['"]/.exec(statement)?.[1];
    const origin = source === undefined ? undefined : CHILD_PROCESS.test(source) ? source : resolveModule(file, source);
    if (/^import\s/.test(statement)) {
      if (/^import\s+type\s/.test(statement) || origin === undefined) continue;
      const clause = statement.replace(/^import\s+/, '').replace(/\s*from\s*['"][^'"]+['"];?\s*$/, '');
      const namespace = /\*\s+as\s+([\w$]+)/.exec(clause)?.[1];
      if (namespace) info.imports.set(namespace, { from: origin, name: '*' });
      const defaultName = /^([\w$]+)/.exec(clause)?.[1];
      if (defaultName) info.imports.set(defaultName, { from: origin, name: 'default' });
      const named = /\{([^}]*)\}/.exec(clause)?.[1];
      for (const [name, local] of namedList(named ?? '')) info.imports.set(local, { from: origin, name });
      continue;
    }
    if (/^export\s+\*\s+from/.test(statement)) {
      if (origin && !CHILD_PROCESS.test(origin)) info.starExports.push(origin);
      continue;
    }
    const exportList = /^export\s+(type\s+)?\{([^}]*)\}/.exec(statement);
    if (exportList) {
      if (exportList[1]) continue;
      for (const [local, exported] of namedList(exportList[2]!)) {
        info.exports.set(exported, origin ? { from: origin, name: local } : local);
      }
      continue;
    }
    const code = withoutStrings(statement);
    const names = new Set(code.match(IDENTIFIER) ?? []);
    const seed = NEEDS_BUILD.test(code);
    info.dynamicChildProcess ||= DYNAMIC_CHILD_PROCESS.test(code);
    const declaration = DECLARATION.exec(statement);
    if (!declaration) {
      for (const name of names) info.body.names.add(name);
      info.body.seed ||= seed;
      continue;
    }
    const [, keyword, name] = declaration;
    names.delete(name!);
    info.declarations.set(name!, { names, seed, typeOnly: keyword === 'interface' || keyword === 'type' });
    if (statement.startsWith('export ')) info.exports.set(statement.startsWith('export default') ? 'default' : name!, name!);
  }
  return info;
}

/** Which declarations start a process, over a lazily read set of modules. */
class ProcessAnalysis {
  private readonly modules = new Map<string, ModuleInfo>();
  private readonly memo = new Map<string, boolean>();

  /** `texts`: files read from these strings instead of the disk. */
  constructor(private readonly texts = new Map<string, string>()) {}

  module(file: string): ModuleInfo {
    let info = this.modules.get(file);
    if (!info) {
      info = parseModule(file, this.texts.get(file) ?? readFileSync(file, 'utf8'));
      this.modules.set(file, info);
    }
    return info;
  }

  /** Whether the module's export `name` (every export for '*') starts a process when used. */
  exportStarts(file: string, name: string): boolean {
    const info = this.module(file);
    if (name === '*') {
      return [...info.exports.keys()].some((exported) => this.exportStarts(file, exported)) || info.starExports.some((other) => this.exportStarts(other, '*'));
    }
    const target = info.exports.get(name);
    if (typeof target === 'string') return this.localStarts(file, target);
    if (target) return this.bindingStarts(target);
    return info.starExports.some((other) => this.exportStarts(other, name));
  }

  /** Whether a name in scope at the top of `file` (declared there or imported) starts a process when used. */
  localStarts(file: string, name: string): boolean {
    const key = `${file}#${name}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    this.memo.set(key, false); // a cycle adds nothing: the answer comes from the other names on it
    const info = this.module(file);
    const binding = info.imports.get(name);
    const declaration = info.declarations.get(name);
    let starts = false;
    if (binding) starts = this.bindingStarts(binding);
    else if (declaration && !declaration.typeOnly) {
      starts = declaration.seed || info.dynamicChildProcess || [...declaration.names].some((other) => this.localStarts(file, other));
    }
    this.memo.set(key, starts);
    return starts;
  }

  private bindingStarts(binding: Binding): boolean {
    if (CHILD_PROCESS.test(binding.from)) return true;
    return this.exportStarts(binding.from, binding.name);
  }

  /** Whether running `file` as a test starts a process: its top-level statements use something that does. */
  testStarts(file: string): boolean {
    const info = this.module(file);
    if (info.body.seed || info.dynamicChildProcess) return true;
    const used = new Set(info.body.names);
    for (const declaration of info.declarations.values()) for (const name of declaration.names) used.add(name);
    return [...used].some((name) => info.imports.has(name) && this.localStarts(file, name)) || [...info.declarations.keys()].some((name) => this.localStarts(file, name));
  }
}

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Whether a test file starts a subprocess (or needs the build), itself or through anything it imports. `file`
 * (absolute, or relative to the repository root) places the text, so its relative imports resolve; `text`
 * defaults to the file's contents.
 */
export function startsProcess(file: string, text?: string): boolean {
  const path = resolve(ROOT, file);
  return new ProcessAnalysis(new Map(text === undefined ? [] : [[path, text]])).testStarts(path);
}

/** Test files (paths relative to the repository root, forward slashes) split by suite. */
export function testSuites(): { unit: string[]; e2e: string[] } {
  const analysis = new ProcessAnalysis();
  const files = testSources(TEST_DIR)
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
  const rel = (file: string) => relative(ROOT, file).split('\\').join('/');
  const e2e = new Set(files.filter((file) => analysis.testStarts(file)));
  return { unit: files.filter((file) => !e2e.has(file)).map(rel), e2e: [...e2e].map(rel) };
}
