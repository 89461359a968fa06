import { DefaultWorkspaceManager, UriUtils, type FileSystemNode, type LangiumDocument, type WorkspaceFolder } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { PomPaths } from '../workspace/paths.js';
import { stdlibDocument } from '../workspace/stdlib.js';
import type { PomSharedLspServices } from './pom-lsp-module.js';
import type { StdlibCopy } from './stdlib-copy.js';

/** Folders never searched for .pom files (as in `pom check`). */
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist']);

/**
 * Loads every .pom file of the workspace folders, plus the standard library as a built-in document, and names
 * files relative to the first folder, as `pom check` does when run there.
 */
export class PomWorkspaceManager extends DefaultWorkspaceManager {
    protected readonly sharedServices: LangiumSharedServices;
    protected readonly stdlibCopy: StdlibCopy;

    constructor(services: PomSharedLspServices) {
        super(services);
        this.sharedServices = services;
        this.stdlibCopy = services.lsp.StdlibCopy;
        // Check every file at start-up, not only the open ones: the workspace's problems show before a file is opened.
        this.initialBuildOptions = { validation: true };
    }

    protected override async loadAdditionalDocuments(folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        const first = folders[0];
        if (first) {
            const root = this.getRootFolder(first);
            if (root.scheme === 'file') {
                for (const language of this.sharedServices.ServiceRegistry.all) {
                    const paths = (language as { workspace: { Paths?: PomPaths } }).workspace.Paths;
                    if (paths) paths.root = root.fsPath;
                }
            }
        }
        collector(stdlibDocument(this.sharedServices));
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        // The standard library's copy on disk (if the cache folder is inside the workspace) is not a workspace file.
        if (!entry.isDirectory && this.stdlibCopy.isCopy(entry.uri)) return false;
        if (entry.isDirectory && SKIPPED_FOLDERS.has(UriUtils.basename(entry.uri))) return false;
        return super.shouldIncludeEntry(entry);
    }
}
