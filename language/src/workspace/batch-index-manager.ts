import { PomIndexManager } from './pom-index-manager.js';

/**
 * For one-shot compiles (pom check, pom build): the index of who-references-what serves find-references
 * and rename in an editor, and is not built. Exported symbols are still indexed.
 */
export class BatchIndexManager extends PomIndexManager {
    override async updateReferences(): Promise<void> {
        /* not needed outside an editor */
    }
}
