import { describe, expect, test } from 'vitest';
import { lspWorkspace, type LspWorkspace } from './lsp-helpers.js';

const ORG = {
    'org.pom': `package acme.org
team payments "Payments" {
  owns -> checkout-scope
}
scope checkout-scope "Checkout"
`,
    'strategy.pom': `package acme.strategy
north-star revenue "Weekly revenue" {
  doc: "Money that customers pay us."
}
input conversion "Checkout conversion" {
  horizon: quarters
  owner -> acme.org.payments
  drives -> revenue
}
`,
    'bets.pom': `package acme.bets
import acme.strategy
bet one-click "One-click checkout" {
  status: active
  targets -> conversion
}
bet wallet "Wallets" {
  targets -> conversion
}
goal q3 "Q3 conversion goal" {
  targets -> conversion
}
`,
};

async function hover(ws: LspWorkspace, path: string, needle: string, shift = 1): Promise<string> {
    const result = await ws.pom.lsp.HoverProvider!.getHoverContent(ws.document(path), {
        textDocument: { uri: ws.uri(path) },
        position: ws.at(path, needle, shift),
    });
    const contents = result?.contents as { value: string } | undefined;
    return contents?.value ?? '';
}

describe('hover', () => {
    test('an object shows its type, title, horizon, owner and backlinks grouped by link kind', async () => {
        const ws = await lspWorkspace(ORG);
        const text = await hover(ws, 'strategy.pom', 'conversion "');
        expect(text).toContain('**input** `acme.strategy.conversion` — Checkout conversion');
        expect(text).toContain('horizon: quarters');
        expect(text).toContain('owner: `acme.org.payments`');
        expect(text).toContain('targeted by 3 objects: `acme.bets.one-click`, `acme.bets.q3`, `acme.bets.wallet`');
    });

    test('backlinks from objects of one type are counted by that type, and a doc is shown', async () => {
        const ws = await lspWorkspace(ORG);
        const text = await hover(ws, 'strategy.pom', 'revenue "');
        expect(text).toContain('Money that customers pay us.');
        expect(text).toMatch(/driven by 1 input: `acme.strategy.conversion`/);
    });

    test('hovering a reference describes the object it points to', async () => {
        const ws = await lspWorkspace(ORG);
        const text = await hover(ws, 'bets.pom', 'conversion', 2);
        expect(text).toContain('`acme.strategy.conversion`');
    });

    test('a type lists its fields, inherited ones included, and the links it may have', async () => {
        const ws = await lspWorkspace(ORG);
        const text = await hover(ws, 'bets.pom', 'bet one-click');
        expect(text).toContain('**type** `std.bet` extends `std.intent`');
        expect(text).toMatch(/`horizon: horizon[^`]*` \(optional\)/);
        expect(text).toMatch(/`doc: text` \(optional\)/);
        expect(text).toMatch(/- `targets` → /);
        expect(text).toMatch(/- `owner` → /);
    });

    test('a link kind shows its declaration', async () => {
        const ws = await lspWorkspace(ORG);
        const text = await hover(ws, 'bets.pom', 'targets ->');
        expect(text).toContain('**link** `std.targets` from bet, goal to');
        const inverse = await lspWorkspace({ 'a.pom': 'bet b {\n}\ninput i {\n  targeted-by -> b\n}\n' });
        expect(await hover(inverse, 'a.pom', 'targeted-by')).toContain('the inverse of `std.targets`');
    });

    test('an enum member shows its enum', async () => {
        const ws = await lspWorkspace(ORG);
        expect(await hover(ws, 'strategy.pom', 'quarters')).toMatch(/\*\*horizon\*\* `quarters`[\s\S]*One of .*`weeks`/);
    });
});
