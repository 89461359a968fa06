import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { findPomFiles } from './compiler.js';
import { createPomServices } from './pom-module.js';
import { stdlibDocument } from './workspace/stdlib.js';

/**
 * A workspace kept in memory and re-checked as files change, the way an editor session uses it:
 * only the changed file is parsed again, and only the documents affected by it are relinked and validated.
 */
export async function createIncrementalWorkspace(root: string) {
    const absoluteRoot = resolve(root);
    const { shared, pom } = createPomServices(NodeFileSystem);
    pom.workspace.Paths.root = absoluteRoot;
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const loaded: LangiumDocument[] = [stdlibDocument(shared)];
    for (const file of await findPomFiles(absoluteRoot)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(await fs.readFile(file, 'utf8'), URI.file(file));
        documents.addDocument(document);
        loaded.push(document);
    }
    await builder.build(loaded, { validation: true });
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
