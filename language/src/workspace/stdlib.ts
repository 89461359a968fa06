import { URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { STDLIB_SOURCE, STDLIB_URI } from '../generated/stdlib.js';

export { STDLIB_URI, STDLIB_SOURCE };

const stdlibUri = URI.parse(STDLIB_URI).toString();

export function isStdlibUri(uri: URI | string): boolean {
    return (typeof uri === 'string' ? URI.parse(uri) : uri).toString() === stdlibUri;
}

/** The standard library as a read-only built-in document, created once per workspace. */
export function stdlibDocument(shared: LangiumSharedCoreServices): LangiumDocument {
    const documents = shared.workspace.LangiumDocuments;
    const uri = URI.parse(STDLIB_URI);
    const existing = documents.getDocument(uri);
    if (existing) return existing;
    const document = shared.workspace.LangiumDocumentFactory.fromString(STDLIB_SOURCE, uri);
    documents.addDocument(document);
    return document;
}
