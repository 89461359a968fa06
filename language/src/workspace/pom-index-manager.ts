import { DefaultIndexManager, type AstNodeDescription, type LangiumDocument, type ReferenceDescription } from 'langium';

/**
 * Langium's index of exported symbols, with each document's exports readable as the array it stored: the
 * PomIndex compares them by identity to patch itself for the documents indexed again (Langium stores a new
 * array whenever it indexes a document) instead of rebuilding from every document's symbols after each edit.
 */
export class PomIndexManager extends DefaultIndexManager {
    /** Each indexed document's exported symbols, by URI, in the order Langium iterates them (allElements). */
    get exportsByDocument(): ReadonlyMap<string, readonly AstNodeDescription[]> {
        return this.symbolIndex;
    }

    /** Per document's references (replaced whenever the document is indexed again): the other documents they point into. */
    protected readonly targetsOf = new WeakMap<readonly ReferenceDescription[], ReadonlySet<string>>();

    /**
     * Whether the document references any of the changed ones, as Langium answers it, but from the set of documents
     * its references point into, made once per indexing: the editor asks this for every document after every edit.
     */
    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const references = this.referenceIndex.get(document.uri.toString());
        if (!references) return false;
        let targets = this.targetsOf.get(references);
        if (!targets) {
            const uris = new Set<string>();
            for (const reference of references) if (!reference.local) uris.add(reference.targetUri.toString());
            this.targetsOf.set(references, (targets = uris));
        }
        for (const uri of changedUris) if (targets.has(uri)) return true;
        return false;
    }
}
