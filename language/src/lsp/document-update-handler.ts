import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { FileChangeType, type DidChangeWatchedFilesParams, type FileEvent } from 'vscode-languageserver';
import { PomLspWorkspaceModel } from './lsp-workspace-model.js';

/** A changed metric data file (.csv, .json) counts as a change of the .pom files whose metrics read it. */
export class PomDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    constructor(protected readonly shared: LangiumSharedServices) {
        super(shared);
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
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
