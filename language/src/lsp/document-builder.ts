import { DefaultDocumentBuilder, DocumentState, type LangiumDocument } from 'langium';

/**
 * Remembers which documents have linking errors between two linkings of a document: Langium asks after every
 * edit, for every document of the workspace, and answering it walks all of a document's references.
 */
export class PomDocumentBuilder extends DefaultDocumentBuilder {
    /**
     * Per document, the answer and the references it was read from. Unlinking gives a document a new references
     * array, so a stale answer is recognised without a phase listener (a build cancelled by the next keystroke
     * may skip listeners).
     */
    protected readonly linkingErrors = new WeakMap<LangiumDocument, { references: LangiumDocument['references']; errors: boolean }>();

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        // Before linking, the answer is not known yet (and the document is rebuilt anyway).
        if (document.state < DocumentState.Linked) return super.shouldRelink(document, changedUris);
        let known = this.linkingErrors.get(document);
        if (known?.references !== document.references) {
            known = { references: document.references, errors: document.references.some(ref => ref.error !== undefined) };
            this.linkingErrors.set(document, known);
        }
        return known.errors || this.indexManager.isAffected(document, changedUris);
    }
}
