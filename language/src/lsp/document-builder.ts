import { DefaultDocumentBuilder, DocumentState, isMultiReference, type LangiumDocument } from 'langium';

/**
 * Decides which documents an edit relinks. Remembers which documents have linking errors between two linkings of
 * a document: Langium asks after every edit, for every document of the workspace, and answering it walks all of a
 * document's references. Documents a cancelled build left half built are asked by their references instead.
 */
export class PomDocumentBuilder extends DefaultDocumentBuilder {
    /**
     * Per document, the answer and the references it was read from. Unlinking gives a document a new references
     * array, so a stale answer is recognised without a phase listener (a build cancelled by the next keystroke
     * may skip listeners).
     */
    protected readonly linkingErrors = new WeakMap<LangiumDocument, { references: LangiumDocument['references']; errors: boolean }>();

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        // The reference index (isAffected) holds a document's references only from IndexedReferences on. A build
        // cancelled by the next keystroke after linking a document, or midway through it, leaves references to
        // nodes of the changed documents that the index does not know of: kept, they point into the replaced
        // syntax tree, and the links they make drop out of the model until the document is edited again. Such a
        // document is rebuilt anyway; its own references say whether it must be relinked.
        if (document.state < DocumentState.IndexedReferences) return document.references.some(ref => ref.error !== undefined || pointsInto(ref, changedUris));
        let known = this.linkingErrors.get(document);
        if (known?.references !== document.references) {
            known = { references: document.references, errors: document.references.some(ref => ref.error !== undefined) };
            this.linkingErrors.set(document, known);
        }
        return known.errors || this.indexManager.isAffected(document, changedUris);
    }
}

/** Whether a resolved reference targets one of the documents (by URI text), as the reference index would record it. */
function pointsInto(reference: LangiumDocument['references'][number], uris: Set<string>): boolean {
    if (isMultiReference(reference)) return reference.items.some(item => item.$nodeDescription && uris.has(item.$nodeDescription.documentUri.toString()));
    const target = reference.$nodeDescription?.documentUri;
    return target !== undefined && uris.has(target.toString());
}
