import { describe, expect, test } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver-types';
import { applyEdits, lspWorkspace } from './lsp-helpers.js';

const STRATEGY = `package acme.strategy
north-star revenue "Weekly revenue"
input conversion "Checkout conversion" {
  drives -> revenue
}
driver retention "Retention"
`;

/** Completes at the end of `before` in a file `before + after`; returns the items by label. */
async function complete(
    before: string,
    after = '\n',
    files: Record<string, string> = {},
): Promise<{ items: CompletionItem[]; labels: string[]; apply(label: string): string }> {
    const ws = await lspWorkspace({ ...files, 'main.pom': before + after });
    const list = await ws.pom.lsp.CompletionProvider!.getCompletion(ws.document('main.pom'), {
        textDocument: { uri: ws.uri('main.pom') },
        position: ws.document('main.pom').textDocument.positionAt(before.length),
    });
    const items = list?.items ?? [];
    return {
        items,
        labels: items.map(item => item.label),
        apply(label) {
            const item = items.find(i => i.label === label);
            if (!item?.textEdit || !('range' in item.textEdit)) throw new Error(`no item ${label}`);
            return applyEdits(before + after, [item.textEdit, ...(item.additionalTextEdits ?? [])]);
        },
    };
}

describe('completion', () => {
    test('offers types at object position', async () => {
        const { labels } = await complete('package acme\n', '');
        expect(labels).toEqual(expect.arrayContaining(['bet', 'team', 'north-star', 'opportunity']));
    });

    test('offers the fields and links of the enclosing type, not those of other types', async () => {
        const { labels } = await complete('package acme\nbet b "B" {\n  ', '\n}\n');
        expect(labels).toEqual(expect.arrayContaining(['status', 'horizon', 'doc', 'targets', 'owner', 'chosen-from']));
        // `drives` links inputs and drivers, `owns` teams: a bet may have neither.
        expect(labels).not.toContain('drives');
        expect(labels).not.toContain('owns');
    });

    test('offers inverse links written at their target', async () => {
        const { labels } = await complete('package acme\ninput i "I" {\n  ', '\n}\n');
        expect(labels).toContain('targeted-by');
        expect(labels).not.toContain('targets');
    });

    test('offers only link targets of the types the link accepts', async () => {
        const { labels } = await complete('package acme.strategy\nbet b "B" {\n  targets -> ', '\n}\n', { 'strategy.pom': STRATEGY });
        expect(labels).toEqual(expect.arrayContaining(['revenue', 'conversion', 'retention']));
        expect(labels).not.toContain('b');
    });

    test('offers the members of an enum field', async () => {
        const { labels } = await complete('package acme\nbet b "B" {\n  status: ', '\n}\n');
        expect(labels).toEqual(expect.arrayContaining(['proposed', 'active']));
        expect(labels).not.toContain('quarters');
    });

    test('offers the metadata keys of a link', async () => {
        const std = await complete('package acme\nteam t "T"\nbet b "B" {\n  depends-on -> t { ', ' }\n}\n');
        expect(std.labels.length).toBeGreaterThan(0);
        const { labels } = await complete(
            'package acme\nlink weighs from bet to bet { weight: number, note?: text }\nbet a "A"\nbet b "B" {\n  weighs -> a { ',
            ' }\n}\n',
        );
        expect(labels.sort()).toEqual(['note', 'weight']);
    });

    test('names of another package come with the import they need', async () => {
        const source = 'package acme.bets\nbet b "B" {\n  targets -> ';
        const { items, apply } = await complete(source, '\n}\n', { 'strategy.pom': STRATEGY });
        const conversion = items.find(item => item.label === 'conversion');
        expect(conversion?.detail).toContain('adds import acme.strategy');
        expect(apply('conversion')).toBe('package acme.bets\nimport acme.strategy\nbet b "B" {\n  targets -> conversion\n}\n');
    });

    test('names already visible through an import need none', async () => {
        const { items } = await complete('package acme.bets\nimport acme.strategy\nbet b "B" {\n  targets -> ', '\n}\n', { 'strategy.pom': STRATEGY });
        const conversion = items.find(item => item.label === 'conversion');
        expect(conversion?.additionalTextEdits ?? []).toEqual([]);
    });

    test('the text edit replaces the typed prefix, qualified or not', async () => {
        const files = { 'strategy.pom': STRATEGY };
        const short = await complete('package acme.bets\nimport acme.strategy\nbet b "B" {\n  targets -> conv', '\n}\n', files);
        expect(short.apply('conversion')).toBe('package acme.bets\nimport acme.strategy\nbet b "B" {\n  targets -> conversion\n}\n');
        const qualified = await complete('package acme.bets\nbet b "B" {\n  targets -> acme.strategy.con', '\n}\n', files);
        expect(qualified.apply('acme.strategy.conversion')).toBe('package acme.bets\nbet b "B" {\n  targets -> acme.strategy.conversion\n}\n');
    });

    test('right after a colon or an arrow the value comes with its space', async () => {
        const { apply } = await complete('package acme\nbet b "B" {\n  status:', '\n}\n');
        expect(apply('active')).toBe('package acme\nbet b "B" {\n  status: active\n}\n');
    });

    test('a field comes with its colon and a link with its arrow on an empty line, and ask for the value next', async () => {
        const field = await complete('package acme\nbet b "B" {\n  hor', '\n}\n');
        expect(field.apply('horizon')).toBe('package acme\nbet b "B" {\n  horizon: \n}\n');
        expect(field.items.find(i => i.label === 'horizon')?.command?.command).toBe('editor.action.triggerSuggest');
        const link = await complete('package acme\nbet b "B" {\n  tar', '\n}\n');
        expect(link.apply('targets')).toBe('package acme\nbet b "B" {\n  targets -> \n}\n');
        // Before existing text only the name is written.
        const before = await complete('package acme\nbet b "B" {\n  hor', ' quarters\n}\n');
        expect(before.apply('horizon')).toBe('package acme\nbet b "B" {\n  horizon quarters\n}\n');
    });

    test('matches from the start rank above matches from a word start', async () => {
        const { labels } = await complete('package acme\nteam checkout-team "C"\nteam team-a "A"\nbet b "B" {\n  owner -> team', '\n}\n');
        expect(labels.indexOf('team-a')).toBeLessThan(labels.indexOf('checkout-team'));
        expect(labels).toContain('checkout-team');
    });

    test('trigger characters: . for qualified names, : for values, > after an arrow', async () => {
        const ws = await complete('package acme\n', '');
        expect(ws.labels.length).toBeGreaterThan(0);
        const { pom } = await lspWorkspace('package acme\n');
        expect(pom.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toEqual(expect.arrayContaining(['.', ':', '>']));
    });
});
