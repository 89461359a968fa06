import { DefaultAstNodeDescriptionProvider, EmptyFileSystem, type AstNodeDescription } from 'langium';
import { describe, expect, test } from 'vitest';
import { loadDocuments, readPomSources } from '../../language/src/compiler.js';
import { createPomLspServices } from '../../language/src/lsp/pom-lsp-module.js';
import { ACME } from '../helpers.js';

/** A description as plain data (pom's work out the path and segments when read). */
function plain(description: AstNodeDescription) {
    const { node, name, type, documentUri, path, nameSegment, selectionSegment } = description;
    return { node, name, type, documentUri: documentUri.toString(), path, nameSegment, selectionSegment };
}

describe('the descriptions of exported names (go to definition, workspace symbols, duplicate ids)', () => {
    test("describe every object and declaration of examples/acme as Langium's own provider does", async () => {
        const { shared, pom } = createPomLspServices(EmptyFileSystem);
        await shared.workspace.DocumentBuilder.build(loadDocuments(shared, pom, ACME, await readPomSources(ACME)), { validation: false });
        const langium = new DefaultAstNodeDescriptionProvider(pom);
        let described = 0;
        for (const document of shared.workspace.LangiumDocuments.all) {
            const exported = await pom.references.ScopeComputation.collectExportedSymbols(document);
            for (const ours of exported) {
                const theirs = langium.createDescription(ours.node!, ours.name, document);
                expect(plain(ours), `${document.uri.toString()} ${ours.name}`).toEqual(plain(theirs));
                // Read twice: the parts computed on first use are kept, not recomputed differently.
                expect(plain(ours)).toEqual(plain(theirs));
                described++;
            }
        }
        expect(described).toBeGreaterThan(200);
    });
});
