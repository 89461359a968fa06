import { Cancellation, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { compareDiagnostics, loadDocuments, toGraphDiagnostic } from '../../language/src/compiler.js';
import type { GraphDiagnostic } from '../../language/src/graph/model.js';
import { createPomLspServices, type PomLspServices } from '../../language/src/lsp/pom-lsp-module.js';
import { isStdlibUri } from '../../language/src/workspace/stdlib.js';
import { WORKSPACE } from '../helpers.js';

/** An in-memory editor session over .pom snippets, built and validated as the server does on start-up. */
export interface LspWorkspace {
    shared: LangiumSharedServices;
    pom: PomLspServices;
    document(path: string): LangiumDocument;
    uri(path: string): string;
    /** The position of `needle` in a file (its `occurrence`-th match), moved `shift` characters right. */
    at(path: string, needle: string, shift?: number, occurrence?: number): Position;
    /** The text a range covers. */
    text(path: string, range: Range): string;
}

export async function lspWorkspace(files: Record<string, string> | string): Promise<LspWorkspace> {
    const { shared, pom } = createPomLspServices(EmptyFileSystem);
    const sources = new Map<string, string>();
    for (const [path, text] of Object.entries(typeof files === 'string' ? { 'main.pom': files } : files)) {
        sources.set(resolve(WORKSPACE, path), text);
    }
    const loaded = loadDocuments(shared, pom, WORKSPACE, sources);
    await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
    const document = (path: string) => {
        const found = shared.workspace.LangiumDocuments.getDocument(URI.file(resolve(WORKSPACE, path)));
        if (!found) throw new Error(`no document ${path}`);
        return found;
    };
    return {
        shared,
        pom,
        document,
        uri: path => URI.file(resolve(WORKSPACE, path)).toString(),
        at(path, needle, shift = 0, occurrence = 1) {
            const text = document(path).textDocument.getText();
            let offset = -1;
            for (let i = 0; i < occurrence; i++) {
                offset = text.indexOf(needle, offset + 1);
                if (offset < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence} times in ${path}`);
            }
            return document(path).textDocument.positionAt(offset + shift);
        },
        text: (path, range) => document(path).textDocument.getText(range),
    };
}

/** Applies text edits to a text, last first, as a client does. */
export function applyEdits(text: string, edits: TextEdit[]): string {
    const lines = text.split('\n');
    const offsetOf = (p: Position) => lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
    const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
    let result = text;
    for (const edit of sorted) {
        result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
    }
    return result;
}

/** The edits of a workspace edit, by uri. */
export function editsByUri(edit: WorkspaceEdit | undefined | null): Map<string, TextEdit[]> {
    const result = new Map<string, TextEdit[]>();
    for (const [uri, edits] of Object.entries(edit?.changes ?? {})) result.set(uri, edits);
    for (const change of edit?.documentChanges ?? []) {
        if ('textDocument' in change) result.set(change.textDocument.uri, change.edits as TextEdit[]);
    }
    return result;
}

/** What the editor shows in every workspace file, written as pom check writes its diagnostics, in its order. */
export function shownDiagnostics(shared: LangiumSharedServices, pom: PomLspServices): GraphDiagnostic[] {
    return shared.workspace.LangiumDocuments.all
        .toArray()
        .filter(d => d.uri.scheme === 'file' && !isStdlibUri(d.uri))
        .flatMap(d => (d.diagnostics ?? []).map(x => toGraphDiagnostic(pom.workspace.Paths.display(d.uri), x)))
        .sort(compareDiagnostics);
}

/** An editor session over in-memory files (path under WORKSPACE → text): edits arrive as the server receives them. */
export async function editorSession(initial: Record<string, string>) {
    const { shared, pom } = createPomLspServices(EmptyFileSystem);
    const uri = (path: string) => URI.file(resolve(WORKSPACE, path));
    const sources = new Map(Object.entries(initial).map(([path, text]) => [resolve(WORKSPACE, path), text]));
    await shared.workspace.DocumentBuilder.build(loadDocuments(shared, pom, WORKSPACE, sources), { validation: true });
    /** The files' texts now, by path. */
    const current = new Map(Object.entries(initial));
    let version = 1;
    /** Sets (or deletes, for undefined) the files' texts; the build it starts stops when `cancel` says. */
    const edit = (files: Record<string, string | undefined>, cancel = Cancellation.CancellationToken.None) => {
        const changed: URI[] = [];
        const deleted: URI[] = [];
        for (const [path, text] of Object.entries(files)) {
            if (text === undefined) {
                current.delete(path);
                shared.workspace.TextDocuments.delete(uri(path));
                deleted.push(uri(path));
            } else {
                current.set(path, text);
                shared.workspace.TextDocuments.set(TextDocument.create(uri(path).toString(), 'pom', ++version, text));
                changed.push(uri(path));
            }
        }
        return shared.workspace.DocumentBuilder.update(changed, deleted, cancel);
    };
    const document = (path: string): LangiumDocument => shared.workspace.LangiumDocuments.getDocument(uri(path))!;
    return { shared, pom, current, edit, document };
}
