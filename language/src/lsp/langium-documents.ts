import { DefaultLangiumDocuments, type Cancellation, type LangiumDocument, type URI } from 'langium';
import type { PomSharedLspServices } from './pom-lsp-module.js';
import type { StdlibCopy } from './stdlib-copy.js';

/** Reads the on-disk copy of the standard library (stdlib-copy.ts) as the built-in document it copies. */
export class PomLangiumDocuments extends DefaultLangiumDocuments {
    protected readonly stdlibCopy: StdlibCopy;

    constructor(services: PomSharedLspServices) {
        super(services);
        this.stdlibCopy = services.lsp.StdlibCopy;
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
