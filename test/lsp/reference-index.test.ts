import { DefaultReferenceDescriptionProvider, EmptyFileSystem, type ReferenceDescription } from 'langium';
import { describe, expect, test } from 'vitest';
import { loadDocuments, readPomSources } from '../../language/src/compiler.js';
import { createPomLspServices } from '../../language/src/lsp/pom-lsp-module.js';
import { ACME } from '../helpers.js';

/** A description as plain data (pom's work out the source path and segment when read). */
function plain(description: ReferenceDescription) {
    const { sourceUri, sourcePath, targetUri, targetPath, segment, local } = description;
    return { sourceUri: sourceUri.toString(), sourcePath, targetUri: targetUri.toString(), targetPath, segment, local };
}

describe('the index of references (find references, rename, what an edit affects)', () => {
    test("describes every reference of every document of examples/acme as Langium's own provider does, and finds the same affected documents", async () => {
        const { shared, pom } = createPomLspServices(EmptyFileSystem);
        await shared.workspace.DocumentBuilder.build(loadDocuments(shared, pom, ACME, await readPomSources(ACME)), { validation: false });
        const langium = new DefaultReferenceDescriptionProvider(pom);
        const documents = shared.workspace.LangiumDocuments.all.toArray();
        let references = 0;
        const described = new Map<string, ReferenceDescription[]>();
        for (const document of documents) {
            const ours = await pom.workspace.ReferenceDescriptionProvider.createDescriptions(document);
            const theirs = await langium.createDescriptions(document);
            described.set(document.uri.toString(), theirs);
            expect(ours.map(plain), document.uri.toString()).toEqual(theirs.map(plain));
            references += ours.length;
        }
        expect(references).toBeGreaterThan(500);
        // Which documents an edit of each document affects: those with a reference into it, from elsewhere.
        const index = shared.workspace.IndexManager;
        for (const changed of documents) {
            const changedUris = new Set([changed.uri.toString()]);
            for (const document of documents) {
                const expected = described.get(document.uri.toString())!.some(ref => !ref.local && changedUris.has(ref.targetUri.toString()));
                expect(index.isAffected(document, changedUris), `${document.uri.toString()} after an edit of ${changed.uri.toString()}`).toBe(expected);
            }
        }
    });
});
