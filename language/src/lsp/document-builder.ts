import { DefaultDocumentBuilder, DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';

/**
 * Remembers which documents have linking errors between two linkings of a document: Langium asks after every
 * edit, for every document of the workspace, and answering it walks all of a document's references.
 */
export class PomDocumentBuilder extends DefaultDocumentBuilder {
    protected readonly linkingErrors = new WeakMap<LangiumDocument, boolean>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Linked, document => { this.linkingErrors.delete(document); });
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        // Before linking, the answer is not known yet (and the document is rebuilt anyway).
        if (document.state < DocumentState.Linked) return super.shouldRelink(document, changedUris);
        let errors = this.linkingErrors.get(document);
        if (errors === undefined) this.linkingErrors.set(document, errors = document.references.some(ref => ref.error !== undefined));
        return errors || this.indexManager.isAffected(document, changedUris);
    }
}
