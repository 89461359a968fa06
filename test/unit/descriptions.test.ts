// The descriptions pom exports its objects and declarations with compute their path and source segments when first
// read; what they then give must be what Langium's own provider gives at once, for every export (the editor's
// references, rename and symbols read them).
import { join } from 'node:path';
import { DefaultAstNodeDescriptionProvider, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { PomAstNodeDescriptionProvider } from '../../language/src/workspace/descriptions.js';
import { acmeFiles, services } from './harness.js';

describe('export descriptions', () => {
    it('give the path, type, document and segments of Langium’s own, for every object and declaration of examples/acme', async () => {
        const pom = await services();
        const { LangiumDocumentFactory: factory, LangiumDocuments: documents } = pom.shared.workspace;
        const langium = new DefaultAstNodeDescriptionProvider(pom);
        let compared = 0;
        for (const file of acmeFiles()) {
            const uri = URI.file(join('/descriptions', file.path));
            const document = factory.fromString(file.text, uri);
            documents.addDocument(document);
            try {
                const exported = await pom.references.ScopeComputation.collectExportedSymbols(document);
                for (const description of exported) {
                    expect(pom.workspace.AstNodeDescriptionProvider).toBeInstanceOf(PomAstNodeDescriptionProvider);
                    const expected = langium.createDescription(description.node!, description.name, document);
                    expect({ ...plain(description), nameSegment: description.nameSegment }).toEqual({ ...plain(expected), nameSegment: expected.nameSegment });
                    compared++;
                }
            } finally {
                documents.deleteDocument(uri);
            }
        }
        expect(compared).toBeGreaterThan(100);
    });
});

function plain(description: { name: string; type: string; path: string; documentUri: URI; selectionSegment?: unknown }) {
    return {
        name: description.name,
        type: description.type,
        path: description.path,
        uri: description.documentUri.toString(),
        selection: description.selectionSegment,
    };
}
