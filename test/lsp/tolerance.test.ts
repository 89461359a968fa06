import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lspWorkspace } from './lsp-helpers.js';

/** Every .pom file of the example, cut at a few places: what an editor holds while someone types. */
function truncations(): Array<[string, string]> {
    const dir = 'examples/acme';
    const files = readdirSync(dir, { recursive: true })
        .map(String)
        .filter(f => f.endsWith('.pom'))
        .sort();
    const cases: Array<[string, string]> = [];
    for (const file of files.slice(0, 6)) {
        const text = readFileSync(join(dir, file), 'utf8');
        for (const fraction of [0.13, 0.37, 0.61, 0.89])
            cases.push([`${file} at ${Math.round(fraction * 100)}%`, text.slice(0, Math.floor(text.length * fraction))]);
    }
    return cases;
}

describe('half-typed input never crashes a feature', () => {
    test.each(truncations())('%s', async (_name, text) => {
        const ws = await lspWorkspace({ 'main.pom': text });
        const document = ws.document('main.pom');
        const uri = ws.uri('main.pom');
        const end = document.textDocument.positionAt(text.length);
        const middle = document.textDocument.positionAt(Math.floor(text.length / 2));
        const lsp = ws.pom.lsp;
        for (const position of [end, middle]) {
            const at = { textDocument: { uri }, position };
            await lsp.CompletionProvider!.getCompletion(document, at);
            await lsp.HoverProvider!.getHoverContent(document, at);
            await lsp.DefinitionProvider!.getDefinition(document, at);
            await lsp.ReferencesProvider!.findReferences(document, { ...at, context: { includeDeclaration: true } });
            await lsp.DocumentHighlightProvider!.getDocumentHighlight(document, at);
        }
        await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri } });
        await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri } });
        await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri } });
        await lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end } });
        await lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end },
            context: { diagnostics: document.diagnostics ?? [] },
        });
        // A cut file has problems, reported as diagnostics with codes, never as an internal error.
        expect((document.diagnostics ?? []).filter(d => d.code === 'internal-error')).toEqual([]);
    });
});
