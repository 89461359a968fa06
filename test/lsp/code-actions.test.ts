import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { IssueCodes } from '../../language/src/diagnostics/codes.js';
import { applyEdits, editsByUri, lspWorkspace, type LspWorkspace } from './lsp-helpers.js';

/** The quick fixes offered for the first diagnostic with `code` in a file, and the file's text after applying one. */
async function fixes(ws: LspWorkspace, path: string, code: string): Promise<{ actions: CodeAction[]; apply(title: string): string }> {
    const document = ws.document(path);
    const diagnostic: Diagnostic | undefined = (document.diagnostics ?? []).find(d => d.code === code);
    if (!diagnostic) throw new Error(`no ${code} in ${path}: ${JSON.stringify(document.diagnostics?.map(d => d.code))}`);
    const actions = ((await ws.pom.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: ws.uri(path) },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
    })) ?? []) as CodeAction[];
    return {
        actions,
        apply(title) {
            const action = actions.find(a => a.title === title);
            if (!action) throw new Error(`no action '${title}'; offered: ${actions.map(a => a.title).join(', ')}`);
            return applyEdits(document.textDocument.getText(), editsByUri(action.edit).get(ws.uri(path)) ?? []);
        },
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

    test('every "Did you mean" has one action that applies it', async () => {
        const cases: Array<[string, string, string, string]> = [
            [IssueCodes.UnknownType, 'package acme\nbett b "B"\n', "Change to 'bet'", 'bet b "B"'],
            [IssueCodes.UnknownLink, 'package acme\nteam t "T"\nbet b "B" {\n  ownr -> t\n}\n', "Change to 'owner'", 'owner -> t'],
            [IssueCodes.UnknownField, 'package acme\nbet b "B" {\n  statu: active\n}\n', "Change to 'status'", 'status: active'],
            [
                IssueCodes.UnknownObject,
                'package acme\nteam checkout-team "T"\nbet b "B" {\n  owner -> checkout-tem\n}\n',
                "Change to 'checkout-team'",
                'owner -> checkout-team',
            ],
        ];
        for (const [code, source, title, expected] of cases) {
            const ws = await lspWorkspace(source);
            const { actions, apply } = await fixes(ws, 'main.pom', code);
            expect(
                actions.filter(a => a.title === title),
                code,
            ).toHaveLength(1);
            expect(actions[0].title, code).toBe(title);
            expect(actions[0].isPreferred, code).toBe(true);
            const fixed = apply(title);
            expect(fixed).toContain(expected);
            expect(await codesAfter('main.pom', fixed), code).toEqual([]);
        }
    });

    test('suggestions look into imported packages, and the fix writes the name as it resolves', async () => {
        const org = { 'org.pom': 'package acme.org\nteam checkout-team "Checkout"\n' };
        const ws = await lspWorkspace({ ...org, 'main.pom': 'package acme.bets\nimport acme.org\nbet b "B" {\n  owner -> checkout-tem\n}\n' });
        const { apply } = await fixes(ws, 'main.pom', IssueCodes.UnknownObject);
        const fixed = apply("Change to 'checkout-team'");
        expect(fixed).toContain('owner -> checkout-team\n');
        expect(await codesAfter('main.pom', fixed, org)).toEqual([]);
    });

    test('for an object of another package, Add import comes first and is preferred over Create', async () => {
        const org = { 'org.pom': 'package acme.org\nteam platform "Platform"\n' };
        const ws = await lspWorkspace({ ...org, 'main.pom': 'package acme.bets\nbet b "B" {\n  owner -> platform\n}\n' });
        const { actions } = await fixes(ws, 'main.pom', IssueCodes.UnknownObject);
        expect(actions[0].title).toBe('Add import acme.org');
        expect(actions[0].isPreferred).toBe(true);
        const create = actions.filter(a => a.title.startsWith('Create'));
        expect(create.length).toBeGreaterThan(0);
        expect(create.every(a => !a.isPreferred)).toBe(true);
    });

    test('a warning can be excused in its object with allow … because', async () => {
        const source = 'package acme\nbet b "B" {\n  status: active\n}\n';
        const ws = await lspWorkspace(source);
        const { actions, apply } = await fixes(ws, 'main.pom', IssueCodes.BetWithoutTarget);
        const title = "Allow 'bet-without-target' for b, with a reason";
        expect(actions.map(a => a.title)).toContain(title);
        const fixed = apply(title);
        expect(fixed).toBe('package acme\nbet b "B" {\n  allow bet-without-target because "Why this is fine here"\n  status: active\n}\n');
        const after = await lspWorkspace(fixed);
        expect((after.document('main.pom').diagnostics ?? []).map(d => d.code)).not.toContain(IssueCodes.BetWithoutTarget);
        expect((after.document('main.pom').diagnostics ?? []).map(d => d.code)).not.toContain(IssueCodes.UnusedSuppression);
        // Errors cannot be excused: no such fix for them.
        const broken = await lspWorkspace('package acme\nbet b "B" {\n  status: activ\n}\n');
        expect((await fixes(broken, 'main.pom', IssueCodes.UnknownEnumMember)).actions.some(a => a.title.startsWith('Allow'))).toBe(false);
    });

    test('wrong-value-type: quote, unquote, wrap in a list or unwrap, where the right value is clear', async () => {
        const cases: Array<[string, string, string]> = [
            ['  hypothesis: 42\n', 'Quote it: "42"', '  hypothesis: "42"\n'],
            ['  tags: "mobile"\n', 'Make it a list: ["mobile"]', '  tags: ["mobile"]\n'],
            ['  status: "active"\n', 'Remove the quotes: active', '  status: active\n'],
            ['  status: [active]\n', 'Write the single value active', '  status: active\n'],
            ['  start: "2026-01-05"\n', 'Remove the quotes: 2026-01-05', '  start: 2026-01-05\n'],
            ['  person-weeks: "12"\n', 'Remove the quotes: 12', '  person-weeks: 12\n'],
        ];
        for (const [line, title, expected] of cases) {
            const ws = await lspWorkspace(`package acme\nbet b "B" {\n${line}}\n`);
            const { apply } = await fixes(ws, 'main.pom', IssueCodes.WrongValueType);
            const fixed = apply(title);
            expect(fixed).toBe(`package acme\nbet b "B" {\n${expected}}\n`);
            expect(await codesAfter('main.pom', fixed), line).toEqual([]);
        }
    });

    test('missing-metadata: add the required metadata with a placeholder of its type', async () => {
        const ws = await lspWorkspace('package acme\nteam a "A"\nteam b "B" {\n  interacts -> a\n}\n');
        const { apply } = await fixes(ws, 'main.pom', IssueCodes.MissingMetadata);
        const fixed = apply("Add 'mode'");
        expect(fixed).toContain('interacts -> a { mode: collaboration }\n');
        expect(await codesAfter('main.pom', fixed)).toEqual([]);
    });
});
