import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { git, gitRepository, pom } from '../cli-run.js';
import { CHROMIUM, launchChromium } from '../support/chromium.js';

const org = `package acme
team checkout "Checkout team" { }
`;
const v1 = `package acme
input completion "Checkout completion" {
  health: on-track
  owner -> checkout
}
bet one-click "One-click checkout" {
  status: proposed
  owner -> checkout
}
`;

/**
 * A repository whose workspace is model/: a README commit, the model (tagged v1), a commit that makes the bet
 * active and has it target the input, then one that puts the input off track and renames it. The working tree
 * then renames the team without committing.
 */
function history(): string {
    const v2 = v1.replace('status: proposed', 'status: active\n  targets -> completion { expected: "+1pp" }');
    const repo = gitRepository('pom-history-', [
        { files: { 'README.md': 'not a model\n' }, message: 'readme' },
        { files: { 'model/org.pom': org, 'model/strategy.pom': v1 }, message: 'the model', tag: 'v1' },
        { files: { 'model/strategy.pom': v2 }, message: 'one-click is on' },
        {
            files: {
                'model/strategy.pom': v2
                    .replace('health: on-track', 'health: off-track')
                    .replace('input completion', 'input checkout-completion')
                    .replace('-> completion', '-> checkout-completion'),
            },
            message: 'completion is off track',
        },
    ]);
    writeFileSync(join(repo, 'model/org.pom'), org.replace('"Checkout team"', '"Payments team"'));
    return repo;
}

describe('--rev reads the model at a git revision', () => {
    const repo = history();
    const status = () => git(repo, 'status', '--porcelain');
    const before = status();

    it('pom query --rev answers from the revision, the working tree by default', async () => {
        const now = await pom(['query', 'model', 'input', '--ids'], repo);
        expect(now.stdout).toBe('acme.checkout-completion\n');
        const earlier = await pom(['query', 'model', 'input', '--ids', '--rev', 'HEAD~1'], repo);
        expect(earlier.stderr).toBe('');
        expect(earlier.stdout).toBe('acme.completion\n');
        const atTag = await pom(['query', 'model', 'bet where status = active', '--ids', '--rev', 'v1'], repo);
        expect(atTag.stdout).toBe('');
        const json = await pom(['query', 'model', 'team', '--json', '--rev', 'HEAD'], repo);
        expect(JSON.parse(json.stdout)[0].title).toBe('Checkout team');
    });

    it("pom check --rev reports the revision's problems with paths in the workspace", async () => {
        const result = await pom(['check', 'model', '--rev', 'HEAD~1'], repo);
        // The active bet has no option to come from: a warning at that revision, not at v1 (the bet was proposed).
        expect(result.stdout).toMatch(/^model\/strategy\.pom:\d+:\d+: warning: .*\[bet-without-option\]$/m);
        const atTag = await pom(['check', 'model', '--rev', 'v1'], repo);
        expect(atTag.stdout).not.toContain('bet-without-option');
    });

    it('pom diagram and pom build --rev draw and build the revision', async () => {
        const diagram = await pom(['diagram', 'strategy', 'model', '--rev', 'v1'], repo);
        expect(diagram.code).toBe(0);
        expect(diagram.stdout).toContain('Checkout completion');
        const out = mkdtempSync(join(tmpdir(), 'pom-history-out-'));
        const build = await pom(['build', 'model', '--rev', 'HEAD~1', '--out', out, '--no-site'], repo);
        expect(build.code).toBe(0);
        const graph = JSON.parse(readFileSync(join(out, 'graph.json'), 'utf8'));
        expect(graph.objects.map((o: { id: string }) => o.id).sort()).toEqual(['acme.checkout', 'acme.completion', 'acme.one-click']);
    });

    it('never touches the working tree or the index', () => {
        expect(status()).toBe(before);
        expect(readFileSync(join(repo, 'model/org.pom'), 'utf8')).toContain('Payments team');
    });

    it('says clearly when a revision is unknown', async () => {
        const result = await pom(['query', 'model', 'bet', '--rev', 'no-such-tag'], repo);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("pom: error: unknown revision 'no-such-tag': give a commit, branch or tag (git log --oneline lists them)\n");
    });
});

describe('pom history', () => {
    const repo = history();

    it('lists what changed in an object commit by commit, newest first, following a rename', async () => {
        const result = await pom(['history', 'acme.checkout-completion', 'model'], repo);
        expect(result.stderr).toBe('');
        const lines = result.stdout.split('\n').map(line => line.replace(/^[0-9a-f]{7,} \d{4}-\d\d-\d\d/, '<commit>'));
        expect(lines).toEqual([
            'pom history acme.checkout-completion: 3 revisions changed it',
            '',
            '<commit> completion is off track',
            '    renamed from acme.completion',
            '    health: "on-track" → "off-track"',
            '    health: on-track → off-track',
            '',
            '<commit> one-click is on',
            '    + from acme.one-click targets -> acme.completion { expected: "+1pp" }',
            '',
            '<commit> (v1) the model',
            '    added as acme.completion',
            "    new   strategy.pom:2:7: warning: Input 'acme.completion' drives nothing: add 'drives -> <driver>' to say which driver it moves. [input-drives-nothing]",
            "    new   strategy.pom:2:7: warning: 'acme.completion' has no metric: set 'metric: \"…\"' or add 'measured-by -> <metric>'. [missing-metric]",
            '',
        ]);
    });

    it('--since keeps the commits after a revision; --json gives the entries as data', async () => {
        const result = await pom(['history', 'acme.one-click', 'model', '--since', 'v1', '--json'], repo);
        const history = JSON.parse(result.stdout);
        // The input it targets was renamed after: the link follows the rename, so that commit changed nothing in the bet.
        expect(history.entries.map((e: { revision: { subject: string } }) => e.revision.subject)).toEqual(['one-click is on']);
        const [activated] = history.entries;
        expect(activated.fields).toEqual([{ field: 'status', before: 'proposed', after: 'active' }]);
        expect(activated.transitions).toEqual([{ id: 'acme.one-click', field: 'status', before: 'proposed', after: 'active' }]);
        expect(activated.links).toEqual([{ kind: 'std.targets', target: 'acme.completion', change: 'added', after: { expected: '+1pp' } }]);
    });

    it('names a missing object with a suggestion', async () => {
        const result = await pom(['history', 'acme.one-clik', 'model'], repo);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain("no object 'acme.one-clik' in any revision read. Did you mean 'acme.one-click'?");
    });
});

describe('pom build --history', () => {
    it("charts the model's health at each commit and lists an object's history on its page, in Chromium", async () => {
        expect(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}`).toBe(true);
        const repo = history();
        const out = mkdtempSync(join(tmpdir(), 'pom-history-site-'));
        const build = await pom(['build', 'model', '--out', out, '--history', 'HEAD~3'], repo);
        expect(build.code, build.stderr).toBe(0);
        const browser = await launchChromium();
        try {
            const page = await browser.newPage();
            const errors: string[] = [];
            page.on('console', message => {
                if (message.type() === 'error') errors.push(message.text());
            });
            await page.goto(`file://${join(out, 'reports', 'history.html')}`);
            expect(await page.locator('h1').textContent()).toBe('Model health over time');
            // One point per commit that changed the model (3), tags as their labels; three series.
            const series = await page.locator('svg.history-chart polyline').evaluateAll(lines => lines.map(l => l.getAttribute('points')!.split(' ').length));
            expect(series).toEqual([3, 3, 3]);
            expect(await page.locator('svg.history-chart text').allTextContents()).toContain('v1');
            const box = await page.locator('svg.history-chart').boundingBox();
            expect(box!.width).toBeGreaterThan(300);
            const rows = await page.locator('#s-commits ~ table tbody tr, section[aria-labelledby="s-commits"] tbody tr').count();
            expect(rows).toBe(3);
            await page.screenshot({ path: join(out, 'history.png'), fullPage: true });
            // The nav links to it; the renamed input's page carries its history, newest first.
            await page.goto(`file://${join(out, 'o', 'acme.checkout-completion.html')}`);
            const section = page.locator('section', { has: page.locator('h2', { hasText: 'History since HEAD~3' }) });
            const text = await section.textContent();
            expect(text).toContain('completion is off track');
            expect(text).toContain('renamed from acme.completion');
            expect(text!.indexOf('completion is off track')).toBeLessThan(text!.indexOf('the model'));
            expect(errors).toEqual([]);
        } finally {
            await browser.close();
        }
    }, 240_000);
});
