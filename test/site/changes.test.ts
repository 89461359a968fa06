// "Changes since <rev>": pom build --since renders the GraphDiff into the site (a page, a navigation link, a badge
// and a list on each changed object's page); without --since none of it appears, and an earlier changes page goes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { diffGraphs } from '../../language/src/diff/diff.js';
import { buildSite, Paths } from '../../language/src/emitters/site/index.js';
import { compile } from '../helpers.js';
import { gitRepository, pom } from '../cli-run.js';
import { acmeSite, page, resolveHref, section, text } from './site-helpers.js';

const org = `package acme
team checkout "Checkout team" { }
`;
const strategy = `package acme
input completion "Checkout completion" {
  health: on-track
  owner -> checkout
}
bet one-click "One-click checkout" {
  status: active
  health: on-track
  targets -> completion { expected: "+1pp" }
  owner -> checkout
}
`;
/** The second commit: the input goes off track, a bet is added. */
const strategyThen =
    strategy.replace('health: on-track\n  owner', 'health: off-track\n  owner') +
    `bet instalments "Pay in instalments" {
  status: active
  targets -> completion { expected: "+2pp" }
  owner -> checkout
}
`;

/** A repository whose workspace is model/, with two commits: the model, then its changes. */
function history(): string {
    return gitRepository('pom-site-changes-', [
        { files: { 'model/org.pom': org, 'model/strategy.pom': strategy }, message: 'model' },
        { files: { 'model/strategy.pom': strategyThen }, message: 'off track; instalments' },
    ]);
}

function read(out: string, path: string): HTMLElement {
    return parse(readFileSync(join(out, path), 'utf8'));
}

function navLabels(root: HTMLElement): string[] {
    return root.querySelectorAll('nav[aria-label="Site"] a').map(a => text(a));
}

describe('pom build --since <rev>', () => {
    const repo = history();

    it('writes a changes page listing the added object and the health transition, linked to their pages, and badges the changed objects', async () => {
        const result = await pom(['build', 'model', '--out', 'site', '--since', 'HEAD~1'], repo);
        expect(result.stderr).toContain('pom: 0 errors');
        expect(result.code).toBe(0);
        const out = join(repo, 'site');
        const changes = read(out, Paths.changes);
        expect(text(changes.querySelector('h1'))).toBe('Changes since HEAD~1');
        expect(text(changes.querySelector('.lede'))).toContain('From HEAD~1 to the working tree: 1 added, 0 removed, 0 renamed, 1 changed; 1 transition');

        const added = section(changes, 'Added').querySelector('a')!;
        expect(text(added)).toBe('Pay in instalments');
        expect(resolveHref(Paths.changes, added.getAttribute('href')!)).toBe(Paths.object('acme.instalments'));
        expect(existsSync(join(out, Paths.object('acme.instalments')))).toBe(true);

        const transition = section(changes, 'Health and status').querySelectorAll('tbody tr');
        expect(transition.map(row => row.querySelectorAll('td').map(td => text(td)))).toEqual([['Checkout completion', 'health', 'on track', 'off track']]);
        const link = transition[0].querySelector('a')!;
        expect(resolveHref(Paths.changes, link.getAttribute('href')!)).toBe(Paths.object('acme.completion'));
        expect(text(section(changes, 'Changed'))).toContain('health: "on-track" → "off-track"');
        // The new active bet brings new problems (chosen from no option), each linked to it.
        const problems = section(changes, 'Problems new and fixed');
        expect(problems.querySelectorAll('li').length).toBeGreaterThan(0);
        expect(problems.querySelectorAll('li a').every(a => resolveHref(Paths.changes, a.getAttribute('href')!) === Paths.object('acme.instalments'))).toBe(
            true,
        );

        // Every page links to it from the navigation.
        expect(navLabels(read(out, Paths.home))).toContain('Changes since HEAD~1');

        // The changed input: a badge linking to the changes page, and its own changes.
        const input = read(out, Paths.object('acme.completion'));
        const badge = input.querySelector('.badges a.badge.changed')!;
        expect(text(badge)).toBe('changed since HEAD~1');
        expect(resolveHref(Paths.object('acme.completion'), badge.getAttribute('href')!)).toBe(Paths.changes);
        const own = section(input, 'Changes since HEAD~1');
        expect(own.querySelectorAll('ul.changes > li').map(li => text(li))).toEqual([
            'changed health: "on-track" → "off-track"',
            'health: on track → off track',
        ]);
        expect(text(read(out, Paths.object('acme.instalments')).querySelector('.badges .changed'))).toBe('new since HEAD~1');
        // An unchanged object has neither.
        const bet = read(out, Paths.object('acme.one-click'));
        expect(bet.querySelector('.badge.changed')).toBeNull();
        expect(bet.querySelectorAll('section h2').map(h => text(h))).not.toContain('Changes since HEAD~1');

        // Built again without --since: the page, its link and the badges are gone.
        const again = await pom(['build', 'model', '--out', 'site'], repo);
        expect(again.code).toBe(0);
        expect(again.stderr).toMatch(/stale removed/);
        expect(existsSync(join(out, Paths.changes))).toBe(false);
        expect(existsSync(join(out, 'changes.json'))).toBe(false);
        expect(navLabels(read(out, Paths.home)).some(label => label.startsWith('Changes since'))).toBe(false);
        expect(read(out, Paths.object('acme.completion')).querySelector('.badge.changed')).toBeNull();
    }, 60_000);
});

describe('the changes page', () => {
    it('without --since, the site has no changes page and no link to one', async () => {
        const site = await acmeSite();
        expect(site.has(Paths.changes)).toBe(false);
        for (const [path, content] of site) {
            if (!path.endsWith('.html')) continue;
            expect(content, path).not.toContain('changes.html');
            expect(content, path).not.toContain('Changes since');
        }
    });

    it('shows renames, removals, field and link changes and fixed problems; removed objects are named, not linked', async () => {
        const before = await compile({
            'org.pom': org,
            'strategy.pom': `package acme
input completion "Checkout completion" {
  health: on-track
  owner -> checkout
}
bet wallets "Wallets" {
  status: active
  owner -> checkout
}
bet one-click "One-click checkout" {
  status: active
  targets -> completion { expected: "+1pp" }
  owner -> checkout
}
`,
        });
        const after = await compile({
            'org.pom': org,
            'strategy.pom': `package acme
input checkout-completion "Checkout completion" {
  health: on-track
  owner -> checkout
}
bet one-click "One-click checkout" {
  status: paused
  targets -> checkout-completion { expected: "+2pp" }
  owner -> checkout
}
`,
        });
        const changes = diffGraphs(before.graph, after.graph, { from: 'v1', to: 'v2' });
        const site = buildSite(after.graph, { changes });
        const root = page(site, Paths.changes);
        expect(text(root.querySelector('.lede'))).toContain('From v1 to v2:');
        const removed = section(root, 'Removed');
        expect(text(removed)).toContain('Wallets acme.wallets');
        expect(removed.querySelectorAll('a')).toHaveLength(0);
        const changed = section(root, 'Changed');
        expect(text(changed)).toContain('renamed from acme.completion (same file and title)');
        expect(text(changed)).toContain('changed status: "active" → "paused"');
        expect(text(changed)).toContain('link changed targets → Checkout completion: { expected: "+1pp" } → { expected: "+2pp" }');
        // The removed active bet had no option and no target: those problems are fixed.
        expect(
            section(root, 'Problems new and fixed')
                .querySelectorAll('li')
                .map(li => text(li))
                .some(line => line.startsWith('fixed warning')),
        ).toBe(true);
        const transitions = section(root, 'Health and status')
            .querySelectorAll('tbody tr')
            .map(row => row.querySelectorAll('td').map(td => text(td)));
        expect(transitions).toContainEqual(['One-click checkout', 'status', 'active', 'paused']);
        // Every link on the page names a page of the site.
        for (const a of root.querySelectorAll('a[href]'))
            expect(site.has(resolveHref(Paths.changes, a.getAttribute('href')!)), a.getAttribute('href')).toBe(true);
        // Same diff, same bytes.
        expect(buildSite(after.graph, { changes }).get(Paths.changes)).toBe(site.get(Paths.changes));
    });

    it('says so when nothing changed', async () => {
        const model = await compile({ 'org.pom': org, 'strategy.pom': strategy });
        const site = buildSite(model.graph, { changes: diffGraphs(model.graph, model.graph, { from: 'HEAD', to: 'working tree' }) });
        expect(text(page(site, Paths.changes).querySelector('main .ok'))).toBe('Nothing changed in the model from HEAD to the working tree.');
        expect(site.get(Paths.object('acme.completion'))).not.toContain('badge changed');
    });
});
