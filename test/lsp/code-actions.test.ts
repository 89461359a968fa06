import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { applyEdits, editsByUri, lspWorkspace, type LspWorkspace } from './lsp-helpers.js';

/** The quick fixes offered for the first diagnostic with `code` in a file, and the file's text after applying one. */
async function fixes(ws: LspWorkspace, path: string, code: string): Promise<{ actions: CodeAction[]; apply(title: string): string }> {
    const document = ws.document(path);
    const diagnostic = (document.diagnostics ?? []).find(d => d.code === code) as Diagnostic | undefined;
    if (!diagnostic) throw new Error(`no ${code} in ${path}: ${JSON.stringify(document.diagnostics?.map(d => d.code))}`);
    const actions = (await ws.pom.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: ws.uri(path) }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    }) ?? []) as CodeAction[];
    return {
        actions,
        apply(title) {
            const action = actions.find(a => a.title === title);
            if (!action) throw new Error(`no action '${title}'; offered: ${actions.map(a => a.title).join(', ')}`);
            return applyEdits(document.textDocument.getText(), editsByUri(action.edit).get(ws.uri(path)) ?? []);
        }
    };
}

/** Compiles the fixed text again and returns its diagnostic codes. */
async function codesAfter(path: string, text: string, others: Record<string, string> = {}): Promise<string[]> {
    const ws = await lspWorkspace({ ...others, [path]: text });
    return (ws.document(path).diagnostics ?? []).filter(d => d.severity === 1).map(d => String(d.code));
}

describe('quick fixes', () => {
    test('create a missing object of the type the link accepts', async () => {
        const ws = await lspWorkspace({ 'main.pom': 'package acme\nimpact i "I" {\n  evidences -> one-click\n}\n' });
        const { actions, apply } = await fixes(ws, 'main.pom', IssueCodes.UnknownObject);
        expect(actions.map(a => a.title)).toEqual(["Create bet 'one-click'"]);
        const fixed = apply("Create bet 'one-click'");
        expect(fixed).toBe('package acme\nimpact i "I" {\n  evidences -> one-click\n}\n\nbet one-click "One click"\n');
        expect(await codesAfter('main.pom', fixed)).toEqual([]);
    });

    test('add the missing import', async () => {
        const others = { 'strategy.pom': 'package acme.strategy\ninput conversion "C"\n' };
        const ws = await lspWorkspace({ ...others, 'main.pom': 'package acme.bets\nbet b "B" {\n  contributes-to -> conversion\n}\n' });
        const { apply } = await fixes(ws, 'main.pom', IssueCodes.UnknownObject);
        const fixed = apply('Add import acme.strategy');
        expect(fixed).toBe('package acme.bets\nimport acme.strategy\nbet b "B" {\n  contributes-to -> conversion\n}\n');
        expect(await codesAfter('main.pom', fixed, others)).toEqual([]);
    });

    test('add a missing required field', async () => {
        const source = 'package acme\ntype experiment extends bet {\n  hypothesis: text\n}\nexperiment e "E"\nexperiment f "F" {\n  status: active\n}\n';
        const ws = await lspWorkspace(source);
        const { apply } = await fixes(ws, 'main.pom', IssueCodes.MissingField);
        const fixed = apply("Add required field 'hypothesis'");
        expect(fixed).toContain('experiment e "E" {\n  hypothesis: ""\n}\n');
        const second = await lspWorkspace(fixed);
        const again = await fixes(second, 'main.pom', IssueCodes.MissingField);
        const both = again.apply("Add required field 'hypothesis'");
        expect(both).toContain('experiment f "F" {\n  hypothesis: ""\n  status: active\n}');
        expect(await codesAfter('main.pom', both)).toEqual([]);
    });

    test('change an unknown enum member to the closest valid one', async () => {
        const ws = await lspWorkspace('package acme\nbet b "B" {\n  status: activ\n}\n');
        const { apply } = await fixes(ws, 'main.pom', IssueCodes.UnknownEnumMember);
        const fixed = apply("Change to 'active'");
        expect(fixed).toContain('status: active\n');
        expect(await codesAfter('main.pom', fixed)).toEqual([]);
    });

    test('rename a duplicate', async () => {
        const ws = await lspWorkspace('package acme\nbet b "B"\nbet b "Again"\n');
        const { apply } = await fixes(ws, 'main.pom', IssueCodes.DuplicateId);
        const fixed = apply("Rename this duplicate to 'b-2'");
        expect(fixed.match(/bet b-2/g)?.length).toBe(1);
        expect(await codesAfter('main.pom', fixed)).toEqual([]);
    });
});
