import { DefaultIndexManager, type AstNodeDescription } from 'langium';

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
}
