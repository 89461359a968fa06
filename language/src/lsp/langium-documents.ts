import { DefaultLangiumDocuments, stream, type Cancellation, type LangiumDocument, type Stream, type URI } from 'langium';
import type { PomSharedLspServices } from './pom-lsp-module.js';
import type { StdlibCopy } from './stdlib-copy.js';

/**
 * Reads the on-disk copy of the standard library (stdlib-copy.ts) as the built-in document it copies. Keeps the
 * list of all documents between additions and deletions: an edit asks for it about ten times (the build, the
 * model, the index, the refresher), and Langium collects it from its URI tree each time.
 */
export class PomLangiumDocuments extends DefaultLangiumDocuments {
    protected readonly stdlibCopy: StdlibCopy;
    protected allDocuments?: LangiumDocument[];

    constructor(services: PomSharedLspServices) {
        super(services);
        this.stdlibCopy = services.lsp.StdlibCopy;
    }

    override get all(): Stream<LangiumDocument> {
        return stream((this.allDocuments ??= super.all.toArray()));
    }

    override addDocument(document: LangiumDocument): void {
        this.allDocuments = undefined;
        super.addDocument(document);
    }

    override deleteDocument(uri: URI): LangiumDocument | undefined {
        this.allDocuments = undefined;
        return super.deleteDocument(uri);
    }

    override deleteDocuments(folder: URI): LangiumDocument[] {
        this.allDocuments = undefined;
        return super.deleteDocuments(folder);
    }

    override getDocument(uri: URI): LangiumDocument | undefined {
        return super.getDocument(this.stdlibCopy.fromClient(uri));
    }

    override getOrCreateDocument(uri: URI, cancellationToken?: Cancellation.CancellationToken): Promise<LangiumDocument> {
        return super.getOrCreateDocument(this.stdlibCopy.fromClient(uri), cancellationToken);
    }

    override hasDocument(uri: URI): boolean {
        return super.hasDocument(this.stdlibCopy.fromClient(uri));
    }
}
