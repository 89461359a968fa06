import { DocumentState, URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPomServices, type PomServices } from './pom-module.js';
import type { GraphDiagnostic, PomGraph, Severity } from './graph/model.js';
import { GraphIndex } from './graph/graph-index.js';
import { stdlibDocument } from './workspace/stdlib.js';
import { IssueCodes } from './diagnostics/codes.js';
import { applySettingsToDiagnostics } from './diagnostics/settings.js';
import type { DataReader } from './metrics/metrics.js';
import { readWorkspaceDataFile } from './metrics/read-data.js';
import { compareIds } from './util/compare.js';
import { isInside } from './util/paths.js';

export interface CompileResult {
    root: string;
    files: string[];
    graph: PomGraph;
    /** Every diagnostic of the workspace, sorted by file, position and code. */
    diagnostics: GraphDiagnostic[];
    services: PomServices;
}

export class WorkspaceError extends Error {}

/** Folders never searched for .pom files. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist']);

/** A .pom file found but not read, and why (a link out of the workspace, a name that is not UTF-8). */
export interface SkippedFile {
    path: string;
    reason: string;
}

/**
 * The .pom files under `root`, in path order. A symbolic link to a .pom file is read when it leads to a regular
 * file inside the workspace (and is not just another name of a file read already); one that leads outside, and a
 * file whose name is not valid UTF-8, is added to `skipped` rather than silently left out.
 *
 * Folders and files are read synchronously (here and in readPomSources): a compile holds the main thread from end
 * to end anyway, and Node's promise-based calls pass every step of every file (open, stat, read, close) through its
 * thread pool and back. Reading the 10k-object organisation's 100 files took 42-65 ms that way, and 3-4 ms like this.
 */
export async function findPomFiles(root: string, exclude: string[] = [], skipped: SkippedFile[] = []): Promise<string[]> {
    const excluded = exclude.map(path => resolve(path));
    const files: string[] = [];
    const links: string[] = [];
    const walk = (folder: string): void => {
        if (excluded.some(path => folder === path || folder.startsWith(path + sep))) return;
        let entries;
        try {
            // As bytes: a name that is not UTF-8 would otherwise turn into another name, which does not exist.
            entries = readdirSync(folder, { withFileTypes: true, encoding: 'buffer' });
        } catch (error) {
            throw new WorkspaceError(`cannot read folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
        for (const entry of entries) {
            const name = entry.name.toString('utf8');
            if (name.startsWith('.')) continue;
            const path = join(folder, name);
            if (!Buffer.from(name, 'utf8').equals(entry.name)) {
                if (name.endsWith('.pom') || entry.isDirectory()) skipped.push({ path, reason: 'its name is not valid UTF-8: rename it' });
                continue;
            }
            if (entry.isDirectory()) {
                if (!SKIPPED_FOLDERS.has(name)) walk(path);
            } else if (name.endsWith('.pom')) {
                if (entry.isFile()) files.push(path);
                else if (entry.isSymbolicLink()) links.push(path);
            }
        }
    };
    walk(root);
    if (links.length > 0) {
        const realRoot = realpathSync(root);
        const real = new Set(files.map(file => join(realRoot, relative(root, file))));
        for (const link of links) {
            const target = attempt(() => realpathSync(link));
            const stat = target && attempt(() => statSync(target));
            // A link to the workspace folder itself is inside it (and then refused as not a regular file).
            const inside = target !== undefined && (target === realRoot || isInside(realRoot, target));
            if (!target || !stat) skipped.push({ path: link, reason: 'it is a symbolic link to nothing' });
            else if (!inside)
                skipped.push({ path: link, reason: "it is a symbolic link to a file outside the workspace: pom reads only the workspace's files" });
            else if (!stat.isFile()) skipped.push({ path: link, reason: 'it is a symbolic link to something that is not a regular file' });
            else if (!real.has(target)) {
                real.add(target);
                files.push(link);
            }
        }
    }
    return files.sort();
}

/** What `read` returns, or undefined if it throws (a file that is not there). */
function attempt<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch {
        return undefined;
    }
}

export interface CompileOptions {
    /** Folders inside the workspace not to read (the build output, say). */
    exclude?: string[];
    /** In-memory contents that replace files on disk, or add files not on disk, keyed by absolute path. */
    overrides?: Map<string, string>;
    /** Metrics: ignore observations after this ISO date (YYYY-MM-DD). */
    asOf?: string;
}

export interface SourceOptions {
    /** Reads metric data files by workspace-relative path; without it, metric data is not read. */
    readData?: DataReader;
    asOf?: string;
}

/** Parses, links and validates every .pom file under `root`, and assembles the graph. */
export async function compileWorkspace(root: string, options: CompileOptions = {}): Promise<CompileResult> {
    const absoluteRoot = resolve(root);
    const stat = attempt(() => statSync(absoluteRoot));
    if (!stat) throw new WorkspaceError(`no such folder: ${root}`);
    if (!stat.isDirectory()) throw new WorkspaceError(`not a folder: ${root} (give the folder that holds your .pom files)`);
    const skipped: SkippedFile[] = [];
    const result = await compileSources(absoluteRoot, await readPomSources(absoluteRoot, options.exclude, options.overrides, skipped), {
        readData: dataReader(absoluteRoot),
        asOf: options.asOf,
    });
    if (skipped.length === 0) return result;
    const notRead = applySettingsToDiagnostics(
        skipped.map(file => skippedFileDiagnostic(absoluteRoot, file)),
        result.graph,
    );
    const diagnostics = [...result.diagnostics, ...notRead].sort(compareDiagnostics);
    const graph: PomGraph = { ...result.graph, diagnostics };
    GraphIndex.derive(graph, GraphIndex.of(result.graph));
    return { ...result, diagnostics, graph };
}

/** Reads metric data files of the workspace at `root` (absolute) by their workspace-relative paths, guarded (read-data.ts). */
export function dataReader(root: string): DataReader {
    return path => readWorkspaceDataFile(root, path);
}

function skippedFileDiagnostic(root: string, file: SkippedFile): GraphDiagnostic {
    return {
        severity: 'warning',
        code: IssueCodes.FileNotRead,
        message: `This file was not read: ${file.reason}.`,
        location: { file: relative(root, file.path).split(sep).join('/'), line: 1, column: 1, endLine: 1, endColumn: 1 },
    };
}

/**
 * Compiles sources given as absolute path → text, as if they were the files of the workspace at `root`.
 * Tests and the benchmark use it directly; it never touches the disk.
 */
export async function compileSources(root: string, sources: Map<string, string>, options: SourceOptions = {}): Promise<CompileResult> {
    const { shared, pom } = createPomServices(NodeFileSystem, { indexReferences: false });
    const loaded = loadDocuments(shared, pom, root, sources);
    // Metric data is read when the model is built, so its findings go through settings and exceptions like any other.
    if (options.readData) pom.model.WorkspaceModel.metricSource = { read: options.readData, asOf: options.asOf };
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Linked, () => pom.references.Resolver.forgetContexts());
    await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
    const diagnostics: GraphDiagnostic[] = [];
    const files = new Set<string>();
    for (const document of loaded) {
        const file = pom.workspace.Paths.display(document.uri);
        files.add(file);
        for (const diagnostic of document.diagnostics ?? []) diagnostics.push(toGraphDiagnostic(file, diagnostic));
    }
    // Problems in metric data files belong to no .pom document's validation: take them from the model, through
    // the settings and exceptions that a document's validation would have applied.
    const model = pom.model.WorkspaceModel.model;
    for (const [file, list] of model.diagnosticsByFile) {
        if (!files.has(file)) for (const diagnostic of applySettingsToDiagnostics(list, model.graph)) diagnostics.push(diagnostic);
    }
    diagnostics.sort(compareDiagnostics);
    const graph: PomGraph = { ...model.graph, diagnostics };
    GraphIndex.derive(graph, GraphIndex.of(model.graph)); // the checks indexed the model's graph: share it
    return { root, files: graph.files, graph, diagnostics, services: pom };
}

/**
 * Adds the standard library and the given sources (absolute path → text) as the documents of a workspace
 * rooted at `root`, in path order. Returns them, ready to build.
 */
export function loadDocuments(shared: LangiumSharedCoreServices, pom: PomServices, root: string, sources: Map<string, string>): LangiumDocument[] {
    pom.workspace.Paths.root = root;
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents = shared.workspace.LangiumDocuments;
    const loaded: LangiumDocument[] = [stdlibDocument(shared)];
    for (const file of [...sources.keys()].sort()) {
        const document = factory.fromString(sources.get(file)!, URI.file(file));
        documents.addDocument(document);
        loaded.push(document);
    }
    return loaded;
}

/** Reads every .pom file under `root` (absolute) into a path → text map. */
export async function readPomSources(root: string, exclude?: string[], overrides?: Map<string, string>, skipped?: SkippedFile[]): Promise<Map<string, string>> {
    const files = await findPomFiles(root, exclude, skipped);
    const sources = new Map<string, string>();
    // Synchronously, as findPomFiles says why.
    for (const file of files) sources.set(file, overrides?.get(file) ?? readFileSync(file, 'utf8'));
    for (const [file, text] of overrides ?? []) if (!sources.has(file)) sources.set(file, text);
    return sources;
}

export function toGraphDiagnostic(file: string, diagnostic: Diagnostic): GraphDiagnostic {
    const severity: Severity = diagnostic.severity === 1 ? 'error' : diagnostic.severity === 2 ? 'warning' : 'info';
    const result: GraphDiagnostic = {
        severity,
        code: String(diagnostic.code ?? IssueCodes.SyntaxError),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        location: {
            file,
            line: diagnostic.range.start.line + 1,
            column: diagnostic.range.start.character + 1,
            endLine: diagnostic.range.end.line + 1,
            endColumn: diagnostic.range.end.character + 1,
        },
    };
    const object = (diagnostic.data as { object?: string } | undefined)?.object;
    if (object) result.object = object;
    return result;
}

export function compareDiagnostics(a: GraphDiagnostic, b: GraphDiagnostic): number {
    const [x, y] = [a.location, b.location];
    return compareIds(x.file, y.file) || x.line - y.line || x.column - y.column || compareIds(a.code, b.code) || compareIds(a.message, b.message);
}
