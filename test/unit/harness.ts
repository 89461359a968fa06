// The unit tier's one service container: created once per worker (the unit project runs without isolation, so
// every file of a worker shares it), with the standard library built once. Each snippet is added to it,
// built with validation, read, and removed again, so snippets never see each other.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments, validationHelper } from 'langium/test';
import { compareDiagnostics, toGraphDiagnostic } from '../../language/src/compiler.js';
import type { GraphDiagnostic, PomGraph } from '../../language/src/graph/model.js';
import { createPomServices, type PomServices } from '../../language/src/pom-module.js';
import { stdlibDocument } from '../../language/src/workspace/stdlib.js';

interface Container {
    pom: PomServices;
    validate: ReturnType<typeof validationHelper>;
}

let container: Promise<Container> | undefined;

async function shared(): Promise<Container> {
    const { shared: sharedServices, pom } = createPomServices(EmptyFileSystem);
    await sharedServices.workspace.DocumentBuilder.build([stdlibDocument(sharedServices)], { validation: false });
    return { pom, validate: validationHelper(pom) };
}

/** The shared container (created on first use). */
export async function services(): Promise<PomServices> {
    return (await (container ??= shared())).pom;
}

export interface Snippet {
    /** Every diagnostic of the snippet's files, in file and position order, as `pom check` reports them. */
    diagnostics: GraphDiagnostic[];
    /** The compiled graph of the snippet (with the standard library). */
    graph: PomGraph;
}

let snippets = 0;

/**
 * Parses, links and validates a snippet: one file (`main.pom`), or several (path → text), as one workspace.
 * A single file goes through Langium's validationHelper; several are built together.
 */
export async function check(files: string | Record<string, string>): Promise<Snippet> {
    const { pom, validate } = await (container ??= shared());
    const root = `/unit/${++snippets}`;
    pom.workspace.Paths.root = root;
    const entries = Object.entries(typeof files === 'string' ? { 'main.pom': files } : files);
    let documents: LangiumDocument[];
    if (entries.length === 1) {
        const [[path, text]] = entries;
        const result = await validate(text, { documentUri: URI.file(`${root}/${path}`).toString() });
        documents = [result.document];
    } else {
        const { LangiumDocumentFactory: factory, LangiumDocuments: all, DocumentBuilder: builder } = pom.shared.workspace;
        documents = entries.map(([path, text]) => factory.fromString(text, URI.file(`${root}/${path}`)));
        for (const document of documents) all.addDocument(document);
        await builder.build(documents, { validation: true });
    }
    const diagnostics = documents
        .flatMap(document => (document.diagnostics ?? []).map(diagnostic => toGraphDiagnostic(pom.workspace.Paths.display(document.uri), diagnostic)))
        .sort(compareDiagnostics);
    const graph = pom.model.WorkspaceModel.model.graph;
    await clearDocuments(pom, documents);
    return { diagnostics, graph };
}

/** `code line:col` of each diagnostic (of `severity`, if given): compact enough to compare whole lists. */
export function found(snippet: Snippet, severity?: GraphDiagnostic['severity']): string[] {
    return snippet.diagnostics.filter(d => !severity || d.severity === severity).map(d => `${d.code} ${d.location.line}:${d.location.column}`);
}

/** The codes of a snippet's diagnostics, in order. */
export function codesOf(snippet: Snippet): string[] {
    return snippet.diagnostics.map(d => d.code);
}

const acme = join(import.meta.dirname, '..', '..', 'examples', 'acme');

/** The example organisation's files (path relative to examples/acme, and text), in path order. */
export function acmeFiles(): Array<{ path: string; text: string }> {
    return readdirSync(acme, { recursive: true, encoding: 'utf8' })
        .filter(file => file.endsWith('.pom'))
        .sort()
        .map(path => ({ path, text: readFileSync(join(acme, path), 'utf8') }));
}
