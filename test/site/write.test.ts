import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SITE_MARKER, writeSite } from '../../cli/src/site/write-site.js';
import { buildSite, siteFiles } from '../../language/src/emitters/site/index.js';
import { ACME } from '../helpers.js';
import { acmeGraph } from './site-helpers.js';

const run = promisify(execFile);
const POM = resolve('cli/bin/pom.js');

function folder(): string {
    return mkdtempSync(join(tmpdir(), 'pom-site-'));
}

describe('writing the site', () => {
    it('writes every file, then rewrites only the files whose content changed', async () => {
        const out = join(folder(), 'site');
        const first = await writeSite(
            out,
            new Map([
                ['index.html', 'home'],
                ['o/a.html', 'a'],
                ['o/b.html', 'b'],
            ]),
        );
        expect(first).toEqual({ files: 3, written: 3, removed: 0, owned: true });
        // Into a new folder: every file in place, nested folders created, no temporary file left behind.
        expect(readFileSync(join(out, 'o/a.html'), 'utf8')).toBe('a');
        expect(readdirSync(join(out, 'o')).sort()).toEqual(['a.html', 'b.html']);
        expect(readdirSync(out).filter(name => name.endsWith('.tmp'))).toEqual([]);
        const before = statSync(join(out, 'o/a.html')).mtimeMs;
        await new Promise(r => setTimeout(r, 20));
        const second = await writeSite(
            out,
            new Map([
                ['index.html', 'home'],
                ['o/a.html', 'a'],
                ['o/b.html', 'b2'],
            ]),
        );
        expect(second.written).toBe(1);
        expect(statSync(join(out, 'o/a.html')).mtimeMs).toBe(before);
        expect(readFileSync(join(out, 'o/b.html'), 'utf8')).toBe('b2');
    });

    it('renders the object pages as it writes them, one at a time, into the same files as the whole site', async () => {
        const graph = await acmeGraph();
        const files = siteFiles(graph);
        const site = buildSite(graph);
        expect([...files.keys()].sort()).toEqual([...site.keys()].sort());
        // Object pages wait to be written; rendering one gives what the whole site holds for it.
        const objectPaths = [...files.keys()].filter(path => path.startsWith('o/'));
        expect(objectPaths).toHaveLength(graph.objects.length);
        for (const path of objectPaths) expect(typeof files.get(path)).toBe('function');
        const out = join(folder(), 'site');
        let rendered = 0;
        const counted = new Map([...files].map(([path, file]) => [path, typeof file === 'string' ? file : () => (rendered++, file())]));
        await writeSite(out, counted);
        expect(rendered).toBe(objectPaths.length);
        for (const [path, content] of site) expect(readFileSync(join(out, path), 'utf8'), path).toBe(content);
    });

    it('removes stale pages from a folder pom created, and only the files pom wrote', async () => {
        const out = join(folder(), 'site');
        await writeSite(
            out,
            new Map([
                ['index.html', 'home'],
                ['o/a.html', 'a'],
                ['o/gone.html', 'x'],
                ['t/only.html', 't'],
            ]),
        );
        writeFileSync(join(out, 'o', 'notes.txt'), 'mine');
        const result = await writeSite(
            out,
            new Map([
                ['index.html', 'home'],
                ['o/a.html', 'a'],
            ]),
        );
        expect(result.removed).toBe(2);
        expect(existsSync(join(out, 'o/gone.html'))).toBe(false);
        expect(existsSync(join(out, 't'))).toBe(false); // emptied folders go too
        expect(readFileSync(join(out, 'o', 'notes.txt'), 'utf8')).toBe('mine');
        expect(readFileSync(join(out, SITE_MARKER), 'utf8')).toBe('index.html\no/a.html\n');
    });

    it('never deletes anything from a folder that held other files before pom wrote there', async () => {
        const out = folder();
        writeFileSync(join(out, 'README.txt'), 'not pom');
        writeFileSync(join(out, 'old.html'), 'not pom either');
        const result = await writeSite(out, new Map([['index.html', 'home']]));
        expect(result.owned).toBe(false);
        expect(existsSync(join(out, SITE_MARKER))).toBe(false);
        await writeSite(out, new Map([['search.html', 's']]));
        expect(existsSync(join(out, 'index.html'))).toBe(true);
        expect(existsSync(join(out, 'old.html'))).toBe(true);
    });

    it('ignores paths outside the site in an edited marker file', async () => {
        const parent = folder();
        const out = join(parent, 'site');
        mkdirSync(out);
        writeFileSync(join(parent, 'precious.txt'), 'keep');
        writeFileSync(join(out, SITE_MARKER), '../precious.txt\n/etc/hostname\nindex.html\n');
        await writeSite(out, new Map([['search.html', 's']]));
        expect(readFileSync(join(parent, 'precious.txt'), 'utf8')).toBe('keep');
    });
});

describe('pom build', () => {
    async function pom(args: string[]) {
        return run(process.execPath, [POM, ...args], { env: { ...process.env, POM_DEBUG: '' } });
    }

    it('writes the site beside graph.json, and again without changes writes nothing', async () => {
        const out = join(folder(), 'out');
        const first = await pom(['build', ACME, '--out', out]);
        expect(first.stderr).toMatch(/wrote the site to .*index\.html \(\d+ files; \d+ changed\)/);
        expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Successful payment volume');
        expect(existsSync(join(out, 'o', 'acme.bets.express-wallets.html'))).toBe(true);
        expect(existsSync(join(out, 'graph.json'))).toBe(true);
        const second = await pom(['build', ACME, '--out', out]);
        expect(second.stderr).toMatch(/index\.html \(\d+ files; 0 changed\)/);
    });

    it('--no-site writes only the graph', async () => {
        const out = join(folder(), 'out');
        const result = await pom(['build', ACME, '--out', out, '--no-site']);
        expect(result.stderr).not.toContain('wrote the site');
        expect(existsSync(join(out, 'graph.json'))).toBe(true);
        expect(existsSync(join(out, 'index.html'))).toBe(false);
    });
});
