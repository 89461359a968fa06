import { describe, expect, it } from 'vitest';
import { resolveView, resolveViews } from '../../language/src/views/resolve-views.js';
import { diffViews, formatViewDiff } from '../../language/src/views/view-diff.js';
import type { ResolvedView } from '../../language/src/views/view-model.js';
import { compileOrg, declare } from './fixtures.js';

const ids = (view: ResolvedView | undefined): string[] => (view?.nodes ?? []).map(node => node.id).sort();
const edgeKinds = (view: ResolvedView): string[] => [...new Set(view.edges.map(edge => edge.kind))].sort();

describe('built-in views', () => {
    it('the strategy view is the chain from the north star down to the bets that target it', async () => {
        const view = resolveView(await compileOrg(), 'strategy')!;
        expect(ids(view)).toEqual(['org.completion', 'org.conversion', 'org.faster-pages', 'org.gpv', 'org.latency', 'org.one-click']);
        expect(edgeKinds(view)).toEqual(['std.drives', 'std.targets']);
        expect(view.direction).toBe('up');
        expect(view.edges.map(edge => edge.id)).toContain('org.one-click|std.targets|org.completion');
    });

    it('a team view shows its scopes, what it owns (nested work included), what its bets target and its dependencies', async () => {
        const view = resolveView(await compileOrg(), 'team:org.checkout')!;
        expect(ids(view)).toEqual([
            'org.checkout',
            'org.commerce.checkout-surface',
            'org.completion',
            'org.faster-pages',
            'org.one-click',
            'org.one-click.vault',
        ]);
        expect(view.subject).toBe('org.checkout');
        // The work is drawn inside its bet, and the owned sub-scope stands alone (its container is not shown).
        expect(view.nodes.find(node => node.id === 'org.one-click.vault')?.parent).toBe('org.one-click');
        expect(view.nodes.find(node => node.id === 'org.commerce.checkout-surface')?.parent).toBeUndefined();
        expect(view.edges.map(edge => edge.id)).toContain('org.one-click|std.depends-on|org.faster-pages');
    });

    it('a team view shows the teams it interacts with, both ways, each link labelled with its mode', async () => {
        // An enabling team facilitates two teams; a stream-aligned team consumes the platform and collaborates with checkout.
        const graph = await compileOrg(`
team coach "Coaching" { topology: enabling  interacts -> checkout { mode: facilitating }, payments { mode: facilitating } }
team payments "Payments" { topology: stream-aligned  interacts -> platform { mode: x-as-a-service }, checkout { mode: collaboration } }
`);
        const labels = (view: ResolvedView): string[] =>
            view.edges.filter(edge => edge.kind === 'std.interacts').map(edge => `${edge.source} ${edge.label} ${edge.target}`);
        // The enabling team is no longer a lone box: the teams it enables, and only their boxes (not what they own).
        const coach = resolveView(graph, 'team:org.coach')!;
        expect(ids(coach)).toEqual(['org.checkout', 'org.coach', 'org.payments']);
        expect(labels(coach)).toEqual(['org.coach facilitating org.checkout', 'org.coach facilitating org.payments']);
        // From the other side: the team enabled sees who facilitates it and who collaborates with it; the interaction
        // between two of its partners (coach and payments) belongs on their views, not this one.
        const checkout = resolveView(graph, 'team:org.checkout')!;
        expect(ids(checkout)).toEqual(expect.arrayContaining(['org.coach', 'org.payments']));
        expect(labels(checkout)).toEqual(['org.coach facilitating org.checkout', 'org.payments collaboration org.checkout']);
        // A platform team shows its consumers.
        const platform = resolveView(graph, 'team:org.platform')!;
        expect(labels(platform)).toEqual(['org.payments x-as-a-service org.platform']);
        expect(ids(platform)).not.toContain('org.checkout');
    });

    it('a lineage view shows what informed an object, what it was chosen from, what it targets and what delivers and evidences it', async () => {
        const view = resolveView(await compileOrg(), 'lineage:org.one-click')!;
        expect(ids(view)).toEqual([
            'org.abandonment',
            'org.abandonment.one-click',
            'org.abandonment.wallets',
            'org.completion',
            'org.conversion',
            'org.drop',
            'org.early-read',
            'org.gpv',
            'org.one-click',
            'org.one-click.vault',
        ]);
        // Another bet on the same input is not part of this bet's lineage.
        expect(ids(view)).not.toContain('org.faster-pages');
        expect(view.nodes.find(node => node.id === 'org.abandonment.wallets')?.parent).toBe('org.abandonment');
        // It reads from insight to north star: the bet chosen from an option is laid out after it, the link still its own.
        expect(view.edges.filter(edge => edge.reversed).map(edge => edge.id)).toEqual(['org.one-click|std.chosen-from|org.abandonment.one-click']);
    });

    it('resolveViews lists declared views, the strategy view and one view per team', async () => {
        const graph = declare(await compileOrg(), { id: 'org.exec', title: 'Exec', objects: ['org.gpv'] });
        expect(resolveViews(graph).map(view => view.id)).toEqual(['org.exec', 'strategy', 'team:org.checkout', 'team:org.platform']);
    });

    it('unknown ids resolve to nothing, and team: only accepts teams', async () => {
        const graph = await compileOrg();
        expect(resolveView(graph, 'nope')).toBeUndefined();
        expect(resolveView(graph, 'team:org.one-click')).toBeUndefined();
        expect(resolveView(graph, 'lineage:org.missing')).toBeUndefined();
    });
});

describe('declared views', () => {
    it('show the selected objects, each under its nearest shown container, with links among them', async () => {
        const graph = declare(await compileOrg(), {
            id: 'org.bets',
            title: 'Bets',
            audience: 'exec',
            direction: 'down',
            objects: ['org.one-click', 'org.one-click.vault', 'org.completion', 'org.commerce', 'org.commerce.checkout-surface', 'org.missing'],
        });
        const view = resolveView(graph, 'org.bets')!;
        expect(view.kind).toBe('declared');
        expect(view.audience).toBe('exec');
        expect(view.direction).toBe('down');
        // Unknown ids are dropped; parents come before their children.
        expect(view.nodes).toEqual([
            { id: 'org.commerce' },
            { id: 'org.commerce.checkout-surface', parent: 'org.commerce' },
            { id: 'org.completion' },
            { id: 'org.one-click' },
            { id: 'org.one-click.vault', parent: 'org.one-click' },
        ]);
        expect(view.edges.map(edge => edge.id)).toEqual(['org.one-click.vault|std.delivers|org.one-click', 'org.one-click|std.targets|org.completion']);
        expect(view.edges[1].label).toBe('targets');
    });

    it('draw only the link kinds they name', async () => {
        const graph = declare(await compileOrg(), {
            id: 'org.v',
            objects: ['org.one-click', 'org.one-click.vault', 'org.completion'],
            linkKinds: ['std.targets'],
        });
        expect(resolveView(graph, 'org.v')!.edges.map(edge => edge.kind)).toEqual(['std.targets']);
    });
});

describe('view diff', () => {
    it('lists the objects and links added and removed', async () => {
        const before = resolveView(await compileOrg(), 'strategy')!;
        const after = resolveView(
            await compileOrg(`bet faster-checkout "Faster checkout" { status: active  targets -> completion { expected: "+1pp" } }\n`),
            'strategy',
        )!;
        const diff = diffViews(before, after);
        expect(diff).toEqual({
            addedNodes: ['org.faster-checkout'],
            removedNodes: [],
            addedEdges: ['org.faster-checkout|std.targets|org.completion'],
            removedEdges: [],
        });
        expect(formatViewDiff('strategy', diff)).toBe(
            'strategy: 1 object added, 0 removed; 1 link added, 0 removed\n+ org.faster-checkout\n+ org.faster-checkout -targets-> org.completion\n',
        );
        expect(formatViewDiff('strategy', diffViews(after, before))).toContain('- org.faster-checkout\n');
        expect(formatViewDiff('strategy', diffViews(after, after))).toBe('strategy: no changes\n');
    });
});
