import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepository, pom, workspace } from '../cli-run.js';

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
  targets -> completion { expected: "+1pp" }
  owner -> checkout
}
bet wallets "Wallets" {
  status: proposed
  owner -> checkout
}
`;

/**
 * A repository whose workspace is model/: the first commit holds only a README, the second the model, the third
 * changes it (a renamed input, a removed and an added bet, a health transition, a new warning); the working
 * tree then edits one field without committing.
 */
function history(): string {
    const repo = gitRepository('pom-diff-', [
        { files: { 'README.md': 'not a model\n' }, message: 'readme' },
        { files: { 'model/org.pom': org, 'model/strategy.pom': strategy }, message: 'model' },
        {
            files: {
                'model/strategy.pom': strategy
                    .replace('input completion', 'input checkout-completion')
                    .replace('-> completion', '-> checkout-completion')
                    .replace('health: on-track', 'health: off-track')
                    .replace(/bet wallets[\s\S]*$/, 'bet instalments "Pay in instalments" {\n  status: active\n  owner -> checkout\n}\n'),
            },
            message: 'changes',
            tag: 'v2',
        },
    ]);
    writeFileSync(join(repo, 'model/org.pom'), org.replace('{ }', '{ size: 6 }'));
    return repo;
}

describe('pom diff on a git history', () => {
    const repo = history();

    it('compares two revisions: rename, removal, addition, transition and new diagnostics, as text', async () => {
        const result = await pom(['diff', 'HEAD~1', 'HEAD', '-C', 'model'], repo);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const lines = result.stdout.split('\n');
        expect(lines.slice(0, 8)).toEqual([
            'pom diff HEAD~1 → HEAD: 1 added, 1 removed, 1 renamed, 0 changed; 1 transition; 2 new diagnostics, 0 fixed',
            '+ bet acme.instalments "Pay in instalments" (strategy.pom)',
            '- bet acme.wallets "Wallets" (strategy.pom)',
            '~ input acme.checkout-completion "Checkout completion"',
            '    renamed from acme.completion (same file and title)',
            '    health: "on-track" → "off-track"',
            'Transitions:',
            '  acme.checkout-completion: health: on-track → off-track',
        ]);
        // The renamed input keeps its warnings (not new, not fixed); the new active bet brings two.
        expect(
            lines
                .slice(8)
                .filter(Boolean)
                .map(line => /\[([a-z-]+)\]$/.exec(line)?.[1] ?? line),
        ).toEqual(['Diagnostics:', 'bet-without-option', 'bet-without-target']);
        expect(lines[9]).toMatch(/^ {2}new {3}strategy.pom:11:5: warning: Bet 'acme.instalments' was not chosen from any option/);
    });

    it('compares a revision with the working tree by default, from inside the workspace folder too', async () => {
        const fromRoot = await pom(['diff', 'v2', '-C', 'model'], repo);
        expect(fromRoot.stdout).toBe(
            'pom diff v2 → working tree: 0 added, 0 removed, 0 renamed, 1 changed; 0 transitions; 0 new diagnostics, 0 fixed\n' +
                '~ team acme.checkout "Checkout team"\n    size: (unset) → 6\n',
        );
        const inside = await pom(['diff', 'v2'], join(repo, 'model'));
        expect(inside.stdout).toBe(fromRoot.stdout);
    });

    it('treats a revision from before the workspace existed as an empty model', async () => {
        const result = await pom(['diff', 'HEAD~2', 'HEAD~1', '-C', 'model', '--json'], repo);
        const diff = JSON.parse(result.stdout);
        expect(diff).toMatchObject({ format: 'pom-diff', version: 1, from: 'HEAD~2', to: 'HEAD~1', removed: [], changed: [] });
        expect(diff.added.map((o: { id: string }) => o.id)).toEqual(['acme.checkout', 'acme.completion', 'acme.one-click', 'acme.wallets']);
    });

    it('prints JSON with --json and --format json, byte-identical across runs', async () => {
        const a = await pom(['diff', 'HEAD~1', 'HEAD', '-C', 'model', '--json'], repo);
        const b = await pom(['diff', 'HEAD~1', 'HEAD', '-C', 'model', '--format', 'json'], repo);
        expect(a.stdout).toBe(b.stdout);
        const diff = JSON.parse(a.stdout);
        expect(diff.changed.find((c: { id: string }) => c.id === 'acme.checkout-completion').renamedFrom).toEqual({
            id: 'acme.completion',
            heuristic: 'same-file-and-title',
        });
        expect(diff.transitions).toEqual([{ id: 'acme.checkout-completion', field: 'health', before: 'on-track', after: 'off-track' }]);
        expect(diff.diagnostics.new.map((d: { code: string; location: { line: number } }) => [d.code, d.location.line])).toEqual([
            ['bet-without-option', 11],
            ['bet-without-target', 11],
        ]);
    });

    it('prints Markdown fit for a pull-request comment', async () => {
        const result = await pom(['diff', 'HEAD~1', 'HEAD', '-C', 'model', '--format', 'markdown'], repo);
        expect(result.stdout).toContain('### pom: model changes from `HEAD~1` to `HEAD`\n');
        expect(result.stdout).toContain('| `acme.checkout-completion` | health | on-track | off-track |');
        expect(result.stdout).toContain('#### Added (1)\n\n- `acme.instalments` Pay in instalments (bet, `strategy.pom`)\n');
        expect(result.stdout).toContain('  - `renamed from acme.completion (same file and title)`');
        expect(result.stdout).toMatch(/- :x: new warning `bet-without-target` at `strategy.pom:\d+`/);
    });

    it('pom build --since writes the changes since a revision next to graph.json, for the site', async () => {
        const result = await pom(['build', 'model', '--out', 'site', '--since', 'HEAD~1'], repo);
        expect(result.code).toBe(0);
        const changes = JSON.parse(readFileSync(join(repo, 'site/changes.json'), 'utf8'));
        expect(changes).toMatchObject({
            format: 'pom-diff',
            from: 'HEAD~1',
            to: 'working tree',
            added: [{ id: 'acme.instalments' }],
            removed: [{ id: 'acme.wallets' }],
        });
        expect(changes.changed.map((c: { id: string }) => c.id)).toEqual(['acme.checkout', 'acme.checkout-completion']);
        const unknown = await pom(['build', 'model', '--out', 'site2', '--since', 'nope'], repo);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("unknown revision 'nope'");
    });

    it('says clearly when a revision is unknown or the folder is not in a git repository', async () => {
        const unknown = await pom(['diff', 'no-such-branch', '-C', 'model'], repo);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toBe(
            "pom: error: unknown revision 'no-such-branch': give a commit, branch or tag (git log --oneline lists them), a folder, or a graph JSON file\n",
        );
        const plain = workspace({ 'a.pom': org });
        const notGit = await pom(['diff', 'HEAD'], plain);
        expect(notGit.code).toBe(2);
        expect(notGit.stderr).toContain('is not in a git repository');
        expect(notGit.stderr).not.toMatch(/\n\s+at /);
    });
});

describe('pom diff on folders and graph JSON files', () => {
    it('compares two folders, and the graph.json files pom build wrote for them, alike', async () => {
        const parent = workspace({
            'old/org.pom': org,
            'old/strategy.pom': strategy,
            'new/org.pom': org,
            'new/strategy.pom': strategy.replace('status: proposed', 'status: killed'),
        });
        const folders = await pom(['diff', 'old', 'new'], parent);
        expect(folders.code).toBe(0);
        expect(folders.stdout).toBe(
            'pom diff old → new: 0 added, 0 removed, 0 renamed, 1 changed; 1 transition; 0 new diagnostics, 0 fixed\n' +
                '~ bet acme.wallets "Wallets"\n    status: "proposed" → "killed"\nTransitions:\n  acme.wallets: status: proposed → killed\n',
        );
        await pom(['build', 'old', '--out', 'old-out'], parent);
        await pom(['build', 'new', '--out', 'new-out'], parent);
        const graphs = await pom(['diff', 'old-out/graph.json', 'new-out/graph.json'], parent);
        expect(graphs.stdout).toBe(folders.stdout.replace('old → new', 'old-out/graph.json → new-out/graph.json'));
    });

    it('refuses a JSON file that is not a pom graph', async () => {
        const parent = workspace({ 'a/org.pom': org, 'other.json': '{"format": "something-else"}', 'broken.json': '{' });
        const other = await pom(['diff', 'other.json', 'a'], parent);
        expect(other.code).toBe(2);
        expect(other.stderr).toContain('other.json is not a pom graph');
        const broken = await pom(['diff', 'broken.json', 'a'], parent);
        expect(broken.stderr).toContain('broken.json is not valid JSON');
        expect(readFileSync(join(parent, 'other.json'), 'utf8')).toBe('{"format": "something-else"}');
    });
});
