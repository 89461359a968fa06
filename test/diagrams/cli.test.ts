import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { withoutEmbeddedFont } from '../../language/src/emitters/svg/svg-renderer.js';
import { ORG } from './fixtures.js';

const run = promisify(execFile);
const POM = resolve('cli/bin/pom.js');

async function pom(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
        const { stdout, stderr } = await run(process.execPath, [POM, ...args], { cwd, env: { ...process.env, POM_DEBUG: '' }, maxBuffer: 1 << 26 });
        return { code: 0, stdout, stderr };
    } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
}

function workspace(text = ORG): string {
    const dir = mkdtempSync(join(tmpdir(), 'pom-diagram-'));
    mkdirSync(join(dir, 'model'));
    writeFileSync(join(dir, 'model', 'org.pom'), text);
    return dir;
}

describe('pom diagram', () => {
    it('prints a view as SVG on stdout', async () => {
        const dir = workspace();
        const result = await pom(['diagram', 'strategy', 'model'], dir);
        expect(result.code).toBe(0);
        expect(result.stdout.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
        expect(XMLValidator.validate(result.stdout)).toBe(true);
        expect(result.stdout).toContain('data-id="org.gpv"');
    });

    it('writes a lineage view to a file with -o', async () => {
        const dir = workspace();
        const result = await pom(['diagram', 'lineage:org.one-click', 'model', '-o', 'out/one-click.svg', '--theme', 'light'], dir);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain('wrote out/one-click.svg (10 objects');
        const svg = readFileSync(join(dir, 'out', 'one-click.svg'), 'utf8');
        expect(svg).toContain('data-id="org.abandonment.wallets"');
        expect(svg).not.toContain('prefers-color-scheme');
    });

    it('has one layout, ELK: the hand-written quick layout is retired', async () => {
        const dir = workspace();
        const drawn = await pom(['diagram', 'lineage:org.one-click', 'model'], dir);
        expect(drawn.code).toBe(0);
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
        expect(XMLValidator.validate(drawn.stdout)).toBe(true);
        expect(drawn.stdout).toContain('data-id="org.abandonment.wallets"');
        const retired = await pom(['diagram', 'strategy', 'model', '--layout', 'quick'], dir);
        expect(retired.code).toBe(2);
        expect(retired.stderr).toContain("unknown option '--layout'");
    });

    it('rejects an unknown view with the closest names and exit 2, no stack trace', async () => {
        const result = await pom(['diagram', 'team:org.chekout', 'model'], workspace());
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`pom: error: there is no view 'team:org.chekout'. Did you mean 'team:org.checkout'`);
        expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it('refuses a view over the limit with a clear message and exit 1', async () => {
        const result = await pom(['diagram', 'strategy', 'model', '--limit', '2'], workspace());
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`view 'strategy' has 6 objects, over the diagram limit of 2`);
        expect(result.stdout).toBe('');
    });
});

/** The object ids of the diagram nodes in an SVG or a page, sorted. */
function nodeIds(text: string): string[] {
    return [...text.matchAll(/<g class="pom-node[^"]*" data-id="([^"]+)"/g)].map(match => match[1]).sort();
}

describe('pom build diagrams', () => {
    it('the site draws the same team views (interactions included) and lineages as pom diagram', async () => {
        const dir = workspace(`${ORG}
team coach "Coaching" { topology: enabling  interacts -> checkout { mode: facilitating } }
`);
        expect((await pom(['build', 'model', '--out', 'site'], dir)).code).toBe(0);
        // A team's view is drawn on its view page and on the team's own page; a bet's lineage on the bet's page.
        for (const [view, page] of [
            ['team:org.coach', 'v/team~3aorg.coach.html'],
            ['team:org.checkout', 'v/team~3aorg.checkout.html'],
            ['team:org.coach', 'o/org.coach.html'],
            ['team:org.checkout', 'o/org.checkout.html'],
            ['lineage:org.one-click', 'o/org.one-click.html'],
        ]) {
            const cli = await pom(['diagram', view, 'model'], dir);
            expect(cli.code).toBe(0);
            const html = readFileSync(join(dir, 'site', page), 'utf8');
            expect(nodeIds(html), view).toEqual(nodeIds(cli.stdout));
            expect(nodeIds(html).length, view).toBeGreaterThan(1);
            // Drawn in the site's one font file, as on view pages.
            expect(html, page).toContain('<script src="../assets/fonts.js" defer></script>');
        }
        // The enabling team's view links it to the team it enables, labelled with the mode, on both teams' pages.
        for (const page of ['v/team~3aorg.coach.html', 'v/team~3aorg.checkout.html', 'o/org.coach.html', 'o/org.checkout.html']) {
            const html = readFileSync(join(dir, 'site', page), 'utf8');
            expect(html, page).toMatch(
                /data-kind="std.interacts" data-source="org.coach" data-target="org.checkout"><title>org.coach interacts org.checkout \(facilitating\)<\/title>.*>facilitating<\/text>/,
            );
        }
    });

    it('writes an SVG, ELK JSON and view JSON per view, caches layouts, and diffs views against the previous build', async () => {
        const dir = workspace();
        const first = await pom(['build', 'model', '--out', 'site'], dir);
        expect(first.code).toBe(0);
        expect(first.stderr).toContain('wrote 3 diagrams');
        for (const name of ['strategy', 'team--org.checkout', 'team--org.platform']) {
            for (const ext of ['svg', 'elk.json', 'view.json'])
                expect(existsSync(join(dir, 'site', 'diagrams', `${name}.${ext}`)), `${name}.${ext}`).toBe(true);
        }
        expect(existsSync(join(dir, 'site', 'diagrams', 'strategy.diff.txt'))).toBe(false);
        const svg = readFileSync(join(dir, 'site', 'diagrams', 'strategy.svg'), 'utf8');

        // Unchanged model: identical bytes.
        const second = await pom(['build', 'model', '--out', 'site'], dir);
        expect(second.code).toBe(0);
        expect(readFileSync(join(dir, 'site', 'diagrams', 'strategy.svg'), 'utf8')).toBe(svg);
        expect(second.stderr).toContain('(0 files changed)');
        expect(existsSync(join(dir, 'site', 'diagrams', 'strategy.diff.txt'))).toBe(false); // unchanged: no diff file

        writeFileSync(
            join(dir, 'model', 'org.pom'),
            ORG.replace('bet unrelated', 'bet now-related "Now related" { targets -> latency { expected: "x" } }\nbet unrelated'),
        );
        const third = await pom(['build', 'model', '--out', 'site'], dir);
        expect(third.code).toBe(0);
        expect(readFileSync(join(dir, 'site', 'diagrams', 'strategy.diff.txt'), 'utf8')).toBe(
            'strategy: 1 object added, 0 removed; 1 link added, 0 removed\n+ org.now-related\n+ org.now-related -targets-> org.latency\n',
        );
        expect(readFileSync(join(dir, 'site', 'diagrams', 'strategy.svg'), 'utf8')).toContain('data-id="org.now-related"');
    });

    it('reports a view over --diagram-limit and still builds the rest', async () => {
        const dir = workspace();
        const result = await pom(['build', 'model', '--out', 'site', '--diagram-limit', '5'], dir);
        expect(result.code).toBe(0);
        expect(result.stderr).toContain(`pom: warning: diagram not drawn: view 'strategy' has 6 objects, over the diagram limit of 5: narrow its selection`);
        expect(readFileSync(join(dir, 'site', 'diagrams', 'team--org.platform.svg'), 'utf8')).toContain('data-id="org.platform"');
        expect(existsSync(join(dir, 'site', 'diagrams', 'strategy.elk.json'))).toBe(false);
    });

    it('draws each diagram once: the site shows the SVG of <out>/diagrams, whose nodes link to object pages', async () => {
        const dir = workspace();
        expect((await pom(['build', 'model', '--out', 'site'], dir)).code).toBe(0);
        const svg = readFileSync(join(dir, 'site', 'diagrams', 'team--org.checkout.svg'), 'utf8');
        const page = readFileSync(join(dir, 'site', 'v', 'team~3aorg.checkout.html'), 'utf8');
        // As drawn for <out>/diagrams, less its copy of the font: the site's pages share one (assets/fonts.js).
        expect(svg).toContain('@font-face');
        expect(page).toContain(withoutEmbeddedFont(svg.trim()));
        expect(page).not.toContain('@font-face');
        expect(page).toContain('<script src="../assets/fonts.js" defer></script>');
        const hrefs = [...svg.matchAll(/<a href="([^"]+)"/g)].map(match => match[1]);
        expect(hrefs).toContain('../o/org.one-click.html');
        // The same relative href leads to the object's page from the diagrams folder and from the view page.
        for (const href of hrefs) {
            expect(existsSync(join(dir, 'site', 'diagrams', href)), href).toBe(true);
            expect(existsSync(join(dir, 'site', 'v', href)), href).toBe(true);
        }

        // The bet's page draws its lineage, reading forward, with the same objects as its lineage list.
        const betPage = readFileSync(join(dir, 'site', 'o', 'org.one-click.html'), 'utf8');
        expect(nodeIds(betPage)).toEqual([
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

        // Without the site there are no pages to link to.
        expect((await pom(['build', 'model', '--out', 'bare', '--no-site'], dir)).code).toBe(0);
        const bare = readFileSync(join(dir, 'bare', 'diagrams', 'team--org.checkout.svg'), 'utf8');
        expect(bare).toContain('data-id="org.one-click"');
        expect(bare).not.toContain('<a href=');
    });
});
