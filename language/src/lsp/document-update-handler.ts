import { URI } from 'langium';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import { FileChangeType, type DidChangeWatchedFilesParams, type FileEvent, type TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PomLspWorkspaceModel } from './lsp-workspace-model.js';
import type { PomSharedLspServices } from './pom-lsp-module.js';
import type { StdlibCopy } from './stdlib-copy.js';

/**
 * A changed metric data file (.csv, .json) counts as a change of the .pom files whose metrics read it. The
 * standard library's read-only copy, opened from a definition, is no workspace file: opening it changes nothing.
 */
export class PomDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    protected readonly stdlibCopy: StdlibCopy;

    constructor(protected readonly shared: PomSharedLspServices) {
        super(shared);
        this.stdlibCopy = shared.lsp.StdlibCopy;
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        if (this.stdlibCopy.isCopy(change.document.uri)) return;
        super.didChangeContent(change);
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        params = { changes: params.changes.filter(change => !this.stdlibCopy.isCopy(change.uri)) };
        const changed = params.changes.map(change => URI.parse(change.uri));
        const readers = new Set<string>();
        for (const language of this.shared.ServiceRegistry.all) {
            const model = (language as { model?: { WorkspaceModel?: unknown } }).model?.WorkspaceModel;
            if (model instanceof PomLspWorkspaceModel) for (const uri of model.dataFilesChanged(changed)) readers.add(uri.toString());
        }
        const known = new Set(params.changes.map(change => change.uri));
        const extra = [...readers].filter(uri => !known.has(uri)).map((uri): FileEvent => ({ uri, type: FileChangeType.Changed }));
        super.didChangeWatchedFiles(extra.length > 0 ? { changes: [...params.changes, ...extra] } : params);
    }
}
