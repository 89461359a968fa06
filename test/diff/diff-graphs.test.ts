import { describe, expect, it } from 'vitest';
import { diffGraphs, isEmptyDiff } from '../../language/src/diff/diff.js';
import { formatDiffMarkdown, formatDiffText } from '../../language/src/diff/format.js';
import type { PomGraph } from '../../language/src/graph/model.js';
import { compile } from '../helpers.js';

const org = `package acme
team checkout "Checkout team" { }
team payments "Payments team" { }
`;
const strategy = `package acme
input completion "Checkout completion" {
  baseline: 70
  target: 74
  health: on-track
  owner -> checkout
}
bet one-click "One-click checkout" {
  status: active
  hypothesis: "Fewer steps, more completions"
  targets -> completion { expected: "+1pp" }
  owner -> checkout
}
bet wallets "Wallets" {
  status: proposed
  owner -> payments
}
`;

async function graph(files: Record<string, string>): Promise<PomGraph> {
    return (await compile(files)).graph;
}

describe('diffGraphs', () => {
    it('finds nothing between a graph and itself', async () => {
        const g = await graph({ 'org.pom': org, 'strategy.pom': strategy });
        const diff = diffGraphs(g, g, { from: 'a', to: 'b' });
        expect(isEmptyDiff(diff)).toBe(true);
        expect(formatDiffText(diff)).toBe('pom diff a → b: no changes\n');
    });

    it('reports added and removed objects, field changes and health and status transitions', async () => {
        const before = await graph({ 'org.pom': org, 'strategy.pom': strategy });
        const after = await graph({
            'org.pom': org,
            'strategy.pom': strategy
                .replace('target: 74', 'target: 75')
                .replace('health: on-track', 'health: off-track')
                .replace('status: active', 'status: done')
                .replace(/bet wallets[\s\S]*$/, 'bet instalments "Pay in instalments" {\n  status: proposed\n  owner -> checkout\n}\n'),
        });
        const diff = diffGraphs(before, after);
        expect(diff.added.map(o => o.id)).toEqual(['acme.instalments']);
        expect(diff.removed).toEqual([{ id: 'acme.wallets', type: 'std.bet', title: 'Wallets', file: 'strategy.pom' }]);
        expect(diff.changed.find(c => c.id === 'acme.completion')!.fields).toEqual([
            { field: 'health', before: 'on-track', after: 'off-track' },
            { field: 'target', before: 74, after: 75 },
        ]);
        expect(diff.transitions).toEqual([
            { id: 'acme.completion', field: 'health', before: 'on-track', after: 'off-track' },
            { id: 'acme.one-click', field: 'status', before: 'active', after: 'done' },
        ]);
    });

    it('reports links added, removed and with changed metadata, by kind and target', async () => {
        const before = await graph({ 'org.pom': org, 'strategy.pom': strategy });
        const after = await graph({
            'org.pom': org,
            'strategy.pom': strategy.replace('expected: "+1pp"', 'expected: "+2pp"').replace('owner -> payments', 'owner -> checkout'),
        });
        const diff = diffGraphs(before, after);
        expect(diff.changed.map(c => [c.id, c.links])).toEqual([
            [
                'acme.one-click',
                [{ kind: 'std.targets', target: 'acme.completion', change: 'changed', before: { expected: '+1pp' }, after: { expected: '+2pp' } }],
            ],
            [
                'acme.wallets',
                [
                    { kind: 'std.owner', target: 'acme.checkout', change: 'added', after: {} },
                    { kind: 'std.owner', target: 'acme.payments', change: 'removed', before: {} },
                ],
            ],
        ]);
    });

    it('recognises a rename by same file and title, and by same content; links to the old id are not changes', async () => {
        const before = await graph({ 'org.pom': org, 'strategy.pom': strategy });
        const after = await graph({
            'org.pom': org.replace('team payments "Payments team"', 'team payments-core "Payments team"'),
            'strategy.pom': strategy
                .replace('input completion', 'input checkout-completion')
                .replace('-> completion', '-> checkout-completion')
                .replace('owner -> payments', 'owner -> payments-core'),
        });
        const diff = diffGraphs(before, after);
        expect(diff.added).toEqual([]);
        expect(diff.removed).toEqual([]);
        expect(diff.changed.map(c => [c.id, c.renamedFrom, c.links.length])).toEqual([
            ['acme.checkout-completion', { id: 'acme.completion', heuristic: 'same-file-and-title' }, 0],
            ['acme.payments-core', { id: 'acme.payments', heuristic: 'same-file-and-title' }, 0],
        ]);
        // Without the same title, the same type, fields and links identify it.
        const teamDiff = diffGraphs(
            await graph({ 'org.pom': 'package acme\nteam a "A" { size: 5 }\n' }),
            await graph({ 'org.pom': 'package acme\nteam b { size: 5 }\n' }),
        );
        expect(teamDiff.changed).toMatchObject([{ id: 'acme.b', renamedFrom: { id: 'acme.a', heuristic: 'same-content' } }]);
        expect(teamDiff.added).toEqual([]);
        // Nothing in common: removed and added.
        const unrelated = diffGraphs(
            await graph({ 'org.pom': 'package acme\nteam a { size: 5 }\n' }),
            await graph({ 'org.pom': 'package acme\nteam b { size: 6 }\n' }),
        );
        expect([unrelated.removed.map(o => o.id), unrelated.added.map(o => o.id), unrelated.changed]).toEqual([['acme.a'], ['acme.b'], []]);
    });

    it('reports an object moved to another file', async () => {
        const before = await graph({ 'org.pom': org, 'strategy.pom': strategy });
        const after = await graph({ 'org.pom': org + strategy.replace('package acme\n', ''), 'strategy.pom': 'package acme\n' });
        const diff = diffGraphs(before, after);
        expect(diff.changed.map(c => [c.id, c.movedFrom, c.file])).toEqual([
            ['acme.completion', 'strategy.pom', 'org.pom'],
            ['acme.one-click', 'strategy.pom', 'org.pom'],
            ['acme.wallets', 'strategy.pom', 'org.pom'],
        ]);
    });

    it('reports new and fixed diagnostics, ignoring ones that only moved to another line', async () => {
        const before = await graph({ 'org.pom': org, 'strategy.pom': strategy.replace('owner -> payments', 'owner -> nobody') });
        const after = await graph({
            'org.pom': org,
            'strategy.pom': '// a comment that moves every line down\n' + strategy.replace('targets -> completion { expected: "+1pp" }', ''),
        });
        const diff = diffGraphs(before, after);
        expect(diff.diagnostics.fixed.map(d => d.code)).toEqual(['unknown-object']);
        expect(diff.diagnostics.new.map(d => [d.code, d.object])).toEqual([['bet-without-target', 'acme.one-click']]);
    });

    it('prints text and Markdown a reviewer can read', async () => {
        const before = await graph({ 'org.pom': org, 'strategy.pom': strategy });
        const after = await graph({
            'org.pom': org,
            'strategy.pom': strategy.replace('health: on-track', 'health: at-risk').replace(/bet wallets[\s\S]*$/, ''),
        });
        const diff = diffGraphs(before, after, { from: 'main', to: 'working tree' });
        const text = formatDiffText(diff);
        expect(text.split('\n')[0]).toBe('pom diff main → working tree: 0 added, 1 removed, 0 renamed, 1 changed; 1 transition; 0 new diagnostics, 0 fixed');
        expect(text).toContain('- bet acme.wallets "Wallets" (strategy.pom)\n');
        expect(text).toContain('~ input acme.completion "Checkout completion"\n    health: "on-track" → "at-risk"\n');
        expect(text).toContain('Transitions:\n  acme.completion: health: on-track → at-risk\n');
        const markdown = formatDiffMarkdown(diff);
        expect(markdown).toContain('### pom: model changes from `main` to `working tree`');
        expect(markdown).toContain('| `acme.completion` | health | on-track | at-risk |');
        expect(markdown).toContain('#### Removed (1)\n\n- `acme.wallets` Wallets (bet, `strategy.pom`)');
    });
});
