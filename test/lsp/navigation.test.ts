import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SemanticTokensDecoder } from 'langium/lsp';
import { URI } from 'langium';
import { STDLIB_SOURCE, STDLIB_URI } from '../../language/src/workspace/stdlib.js';

// Definitions into the standard library open its read-only copy, written here.
const cache = mkdtempSync(join(tmpdir(), 'pom-cache-'));
process.env.POM_CACHE_DIR = cache;
afterAll(() => rmSync(cache, { recursive: true, force: true }));
import { applyEdits, editsByUri, lspWorkspace } from './lsp-helpers.js';

const FILES = {
    'strategy.pom': `package acme.strategy
input conversion "Checkout conversion" {
  targeted-by -> acme.bets.wallet
}
`,
    'bets.pom': `package acme.bets
import acme.strategy
bet one-click "One-click checkout" {
  status: active
  targets -> conversion
  work step "First step"
}
bet wallet "Wallets"
goal q3 "Q3" {
  targets -> acme.strategy.conversion
}
`,
    'other.pom': `package acme.other
import acme.strategy.conversion
bet late "Late" {
  targets -> conversion
  depends-on -> acme.bets.one-click.step
}
`,
};

const params = (uri: string, position: { line: number; character: number }) => ({ textDocument: { uri }, position });

describe('navigation', () => {
    test('go to definition of an object, a type in the standard library, a field and an enum member', async () => {
        const ws = await lspWorkspace(FILES);
        const definition = (needle: string, shift = 1) =>
            ws.pom.lsp.DefinitionProvider!.getDefinition(ws.document('bets.pom'), params(ws.uri('bets.pom'), ws.at('bets.pom', needle, shift)));
        const object = (await definition('conversion\n'))!;
        expect(object[0].targetUri).toBe(ws.uri('strategy.pom'));
        expect(ws.text('strategy.pom', object[0].targetSelectionRange)).toBe('conversion');
        const type = (await definition('bet one'))!;
        // A file: URI every editor opens: a read-only copy of std.pom, which the server reads as the built-in document.
        const copy = URI.parse(type[0].targetUri);
        expect(copy.scheme).toBe('file');
        expect(copy.fsPath.startsWith(cache)).toBe(true);
        expect(readFileSync(copy.fsPath, 'utf8')).toBe(STDLIB_SOURCE);
        const std = ws.shared.workspace.LangiumDocuments.getDocument(copy)!;
        expect(std.uri.toString()).toBe(URI.parse(STDLIB_URI).toString());
        expect(std.textDocument.getText(type[0].targetSelectionRange)).toBe('bet');
        expect((await definition('status'))![0].targetUri).toBe(copy.toString());
        expect((await definition('active'))![0].targetUri).toBe(copy.toString());
        expect((await definition('targets'))![0].targetUri).toBe(copy.toString());
    });

    test('find references lists every link to an object from either end, qualified and imported', async () => {
        const ws = await lspWorkspace(FILES);
        const locations = await ws.pom.lsp.ReferencesProvider!.findReferences(ws.document('strategy.pom'), {
            ...params(ws.uri('strategy.pom'), ws.at('strategy.pom', 'conversion', 1)),
            context: { includeDeclaration: false },
        });
        const found = locations.map(l => `${l.uri.split('/').pop()}:${l.range.start.line}`).sort();
        // one-click and q3 in bets.pom, the import and the link in other.pom, the inverse link written in conversion itself.
        expect(found).toEqual(['bets.pom:4', 'bets.pom:9', 'other.pom:1', 'other.pom:3', 'strategy.pom:2']);
    });

    test('rename rewrites qualified, imported and nested references across files', async () => {
        const ws = await lspWorkspace(FILES);
        const edit = await ws.pom.lsp.RenameProvider!.rename(ws.document('strategy.pom'), {
            ...params(ws.uri('strategy.pom'), ws.at('strategy.pom', 'conversion', 1)),
            newName: 'activation',
        });
        const edits = editsByUri(edit);
        const after = (path: string) => applyEdits(ws.document(path).textDocument.getText(), edits.get(ws.uri(path)) ?? []);
        expect(after('strategy.pom')).toContain('input activation "Checkout conversion"');
        expect(after('bets.pom')).toContain('  targets -> activation\n');
        expect(after('bets.pom')).toContain('targets -> acme.strategy.activation');
        expect(after('other.pom')).toContain('import acme.strategy.activation\n');
        expect(after('other.pom')).toContain('  targets -> activation\n');

        const parent = editsByUri(
            await ws.pom.lsp.RenameProvider!.rename(ws.document('bets.pom'), {
                ...params(ws.uri('bets.pom'), ws.at('bets.pom', 'one-click', 1)),
                newName: 'quick-pay',
            }),
        );
        expect(applyEdits(ws.document('other.pom').textDocument.getText(), parent.get(ws.uri('other.pom'))!)).toContain(
            'depends-on -> acme.bets.quick-pay.step',
        );
        await expect(
            ws.pom.lsp.RenameProvider!.rename(ws.document('bets.pom'), { ...params(ws.uri('bets.pom'), ws.at('bets.pom', 'wallet', 1)), newName: 'not valid' }),
        ).rejects.toThrow(/not a valid name/);
    });

    test('rename refuses the standard library, saying why in prepareRename, and names already taken', async () => {
        const ws = await lspWorkspace(FILES);
        const rename = ws.pom.lsp.RenameProvider!;
        // `status` and `bet` are declared in std.pom: renaming them would edit every workspace's vocabulary.
        expect(() => rename.prepareRename(ws.document('bets.pom'), params(ws.uri('bets.pom'), ws.at('bets.pom', 'status', 1)))).toThrow(
            /'status' is declared in the standard library \(std.pom\).*cannot be renamed/,
        );
        expect(() => rename.prepareRename(ws.document('bets.pom'), params(ws.uri('bets.pom'), ws.at('bets.pom', 'bet one', 1)))).toThrow(
            /'bet' is declared in the standard library/,
        );
        await expect(
            rename.rename(ws.document('bets.pom'), { ...params(ws.uri('bets.pom'), ws.at('bets.pom', 'active', 1)), newName: 'running' }),
        ).rejects.toThrow(/standard library/);
        // A name of the workspace can be renamed; prepareRename gives the range of the name.
        const range = await rename.prepareRename(ws.document('bets.pom'), params(ws.uri('bets.pom'), ws.at('bets.pom', 'wallet', 1)));
        expect(range && ws.text('bets.pom', range)).toBe('wallet');
        await expect(
            rename.rename(ws.document('bets.pom'), { ...params(ws.uri('bets.pom'), ws.at('bets.pom', 'wallet', 1)), newName: 'one-click' }),
        ).rejects.toThrow(/'one-click' is already taken: a bet 'acme.bets.one-click'/);
        // Taken in another package is no collision: ids differ.
        expect(await rename.rename(ws.document('bets.pom'), { ...params(ws.uri('bets.pom'), ws.at('bets.pom', 'wallet', 1)), newName: 'late' })).toBeDefined();
        const withTypes = await lspWorkspace({
            'types.pom': 'package acme\ntype venture extends bet { stage?: text, budget?: number }\nenum size { small large }\n',
        });
        await expect(
            withTypes.pom.lsp.RenameProvider!.rename(withTypes.document('types.pom'), {
                ...params(withTypes.uri('types.pom'), withTypes.at('types.pom', 'budget', 1)),
                newName: 'status',
            }),
        ).rejects.toThrow(/'status' is already a field of type 'venture'/);
        await expect(
            withTypes.pom.lsp.RenameProvider!.rename(withTypes.document('types.pom'), {
                ...params(withTypes.uri('types.pom'), withTypes.at('types.pom', 'small', 1)),
                newName: 'large',
            }),
        ).rejects.toThrow(/already a member of enum 'size'/);
        await expect(
            withTypes.pom.lsp.RenameProvider!.rename(withTypes.document('types.pom'), {
                ...params(withTypes.uri('types.pom'), withTypes.at('types.pom', 'venture', 1)),
                newName: 'team',
            }),
        ).rejects.toThrow(/'team' already means a type 'std.team' where 'venture' is declared/);
        await expect(
            withTypes.pom.lsp.RenameProvider!.rename(withTypes.document('types.pom'), {
                ...params(withTypes.uri('types.pom'), withTypes.at('types.pom', 'venture', 1)),
                newName: 'moonshot',
            }),
        ).resolves.toBeDefined();
    });

    test('document symbols form a nested outline with types as detail', async () => {
        const ws = await lspWorkspace(FILES);
        const symbols = await ws.pom.lsp.DocumentSymbolProvider!.getSymbols(ws.document('bets.pom'), { textDocument: { uri: ws.uri('bets.pom') } });
        expect(symbols.map(s => s.name)).toEqual(['one-click', 'wallet', 'q3']);
        expect(symbols[0].detail).toBe('bet · One-click checkout');
        expect(symbols[0].children?.map(s => s.name)).toEqual(['step']);
    });

    test('workspace symbols find objects and declarations by name', async () => {
        const ws = await lspWorkspace(FILES);
        const symbols = await ws.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'conv' });
        expect(symbols.map(s => s.name)).toContain('acme.strategy.conversion');
    });

    test('folding ranges cover object bodies; highlights mark every use in the file', async () => {
        const ws = await lspWorkspace(FILES);
        const folds = await ws.pom.lsp.FoldingRangeProvider!.getFoldingRanges(ws.document('bets.pom'), { textDocument: { uri: ws.uri('bets.pom') } });
        expect(folds.some(f => f.startLine === 2 && f.endLine >= 5)).toBe(true);
        const highlights = await ws.pom.lsp.DocumentHighlightProvider!.getDocumentHighlight(
            ws.document('bets.pom'),
            params(ws.uri('bets.pom'), ws.at('bets.pom', 'wallet', 1)),
        );
        expect(highlights?.length).toBeGreaterThanOrEqual(1);
    });

    test('semantic tokens tell types, link kinds, fields and enum members apart', async () => {
        const ws = await lspWorkspace(FILES);
        const document = ws.document('bets.pom');
        const tokens = await ws.pom.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: ws.uri('bets.pom') } });
        const decoded = SemanticTokensDecoder.decode(tokens, ws.pom.lsp.SemanticTokenProvider!.tokenTypes, document);
        const kind = (text: string) =>
            decoded.find(t => document.textDocument.getText().slice(t.offset, t.offset + text.length) === text && t.text === text)?.tokenType;
        expect(kind('bet')).toBe('type');
        expect(kind('targets')).toBe('function');
        expect(kind('status')).toBe('property');
        expect(kind('active')).toBe('enumMember');
        expect(kind('acme.bets')).toBe('namespace');
    });

    test('inlay hints count the backlinks of each object', async () => {
        const ws = await lspWorkspace(FILES);
        const hints = await ws.pom.lsp.InlayHintProvider!.getInlayHints(ws.document('strategy.pom'), {
            textDocument: { uri: ws.uri('strategy.pom') },
            range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
        });
        // one-click, wallet (written at the target), late and the goal q3.
        expect(hints?.map(h => h.label)).toEqual(['← targeted by 4 objects']);
        expect(hints?.[0]?.position).toEqual(ws.at('strategy.pom', '" {', 1));
    });
});
