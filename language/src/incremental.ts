import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { loadDocuments, readPomSources } from './compiler.js';
import { createPomServices } from './pom-module.js';

/**
 * A workspace kept in memory and re-checked as files change, the way an editor session uses it:
 * only the changed file is parsed again, and only the documents affected by it are relinked and validated.
 */
export async function createIncrementalWorkspace(root: string) {
    const absoluteRoot = resolve(root);
    const { shared, pom } = createPomServices(NodeFileSystem);
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    await builder.build(loadDocuments(shared, pom, absoluteRoot, await readPomSources(absoluteRoot)), { validation: true });
    return {
        services: pom,
        /** Writes one file and returns the diagnostics of the whole workspace once re-checked, as a file watcher would. */
        async update(file: string, text: string): Promise<Diagnostic[]> {
            const uri = URI.file(resolve(file));
            await fs.writeFile(file, text);
            await builder.update([uri], []);
            return documents.all.flatMap(d => d.diagnostics ?? []).toArray();
        },
    };
}
