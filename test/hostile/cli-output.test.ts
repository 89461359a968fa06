// Issue 11, cases 6, 8, 9 and 10: output folders, pom fmt, text output and build leftovers.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pom, workspace } from '../cli-run.js';

const POM = resolve('cli/bin/pom.js');
const UNFORMATTED = 'package p\n// the team\nteam a   "A" {\n}\n';

describe('output folders (case 6)', () => {
    it('refuses --out that is the workspace, or contains it, and writes nothing', async () => {
        const dir = workspace({ 'src/m.pom': 'package m\nteam a\n' });
        for (const out of ['src', '.']) {
            const result = await pom(['build', 'src', '--out', out, '--no-site'], dir);
            expect(result.code).toBe(2);
            expect(result.stderr).toContain('contains the workspace');
        }
        expect(existsSync(join(dir, 'src', 'graph.json'))).toBe(false);
        expect(existsSync(join(dir, 'graph.json'))).toBe(false);
    });

    it('refuses a non-empty folder pom did not create unless --force, and builds into its own folder again', async () => {
        const dir = workspace({ 'm.pom': 'package m\nteam a\n' });
        const mine = workspace({ 'index.html': '<p>my page</p>' });
        const refused = await pom(['build', '.', '--out', mine], dir);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('is not empty and pom did not create it');
        expect(readFileSync(join(mine, 'index.html'), 'utf8')).toBe('<p>my page</p>');
        const forced = await pom(['build', '.', '--out', mine, '--force', '--no-site'], dir);
        expect(forced.code).toBe(0);
        const out = join(workspace({}), 'own');
        expect((await pom(['build', '.', '--out', out, '--no-site'], dir)).code).toBe(0);
        expect((await pom(['build', '.', '--out', out], dir)).code).toBe(0);
        expect((await pom(['build', '.', '--out', out], dir)).code).toBe(0);
    });
});

describe('build leftovers (case 10)', () => {
    it('builds 130,000 metric observations into the site', async () => {
        const rows = Array.from({ length: 130_000 }, (_, i) => {
            const day = new Date(Date.UTC(1700, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
            return `${day},${i % 97}`;
        });
        const dir = workspace({
            'm.pom': 'package m\nmetric big "Big" {\n  source: "x"\n  data: "data/big.csv"\n}\ninput i "I" { measured-by -> big }\n',
            'data/big.csv': `date,value\n${rows.join('\n')}\n`,
        });
        const result = await pom(['build', '.', '--out', join(dir, 'site')], dir);
        expect(result.stderr).not.toContain('internal error');
        expect(existsSync(join(dir, 'site', 'o', 'm.big.html'))).toBe(true);
    }, 120_000);

    it('removes temporary files a killed build left, and rewrites nothing when nothing changed', async () => {
        const dir = workspace({ 'm.pom': 'package m\nteam a\nteam b { member-of -> a }\n' });
        const out = join(dir, 'site');
        await pom(['build', '.', '--out', out], dir);
        writeFileSync(join(out, '.graph.json.0123456789ab.tmp'), 'half');
        writeFileSync(join(out, 'diagrams', '.strategy.svg.0123456789ab.tmp'), 'half');
        const second = await pom(['build', '.', '--out', out], dir);
        expect(second.stderr).toContain('(0 files changed)');
        expect(second.stderr).toMatch(/\(\d+ files; 0 changed\)/);
        const leftovers = readdirSync(out, { recursive: true })
            .map(String)
            .filter(name => name.endsWith('.tmp'));
        expect(leftovers).toEqual([]);
    });
});

describe('pom fmt (case 8)', () => {
    it('keeps CR-only, CRLF and LF line endings, and the comment where it was', async () => {
        const dir = workspace({});
        const files = { 'cr.pom': UNFORMATTED.replace(/\n/g, '\r'), 'crlf.pom': UNFORMATTED.replace(/\n/g, '\r\n'), 'lf.pom': UNFORMATTED };
        for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
        const result = await pom(['fmt', '.'], dir);
        expect(result.stderr).toContain('formatted 3 of 3 files');
        expect(result.code).toBe(0);
        const expected = 'package p\n\n// the team\nteam a "A" {}\n';
        expect(readFileSync(join(dir, 'lf.pom'), 'utf8')).toBe(expected);
        expect(readFileSync(join(dir, 'crlf.pom'), 'utf8')).toBe(expected.replace(/\n/g, '\r\n'));
        expect(readFileSync(join(dir, 'cr.pom'), 'utf8')).toBe(expected.replace(/\n/g, '\r'));
        expect((await pom(['fmt', '--check', '.'], dir)).code).toBe(0);
    });

    it('writes through a symbolic link, keeps mode, refuses a FIFO and goes on with the other files', async () => {
        const dir = workspace({ 'real/a.pom': UNFORMATTED, 'z.pom': UNFORMATTED });
        symlinkSync('real/a.pom', join(dir, 'link.pom'));
        chmodSync(join(dir, 'real', 'a.pom'), 0o640);
        execFileSync('mkfifo', [join(dir, 'fifo.pom')]);
        const result = await pom(['fmt', 'link.pom', 'fifo.pom', 'z.pom'], dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('fifo.pom: not a regular file');
        expect(lstatSync(join(dir, 'link.pom')).isSymbolicLink()).toBe(true);
        expect(readlinkSync(join(dir, 'link.pom'))).toBe('real/a.pom');
        expect(readFileSync(join(dir, 'real', 'a.pom'), 'utf8')).toContain('team a "A" {}');
        expect(statSync(join(dir, 'real', 'a.pom')).mode & 0o777).toBe(0o640);
        expect(readFileSync(join(dir, 'z.pom'), 'utf8')).toContain('team a "A" {}'); // after the FIFO, still formatted
    });
});

describe('text output (case 9)', () => {
    it('ends quietly when the reader closes the pipe', async () => {
        const dir = workspace({ 'm.pom': `package m\n${Array.from({ length: 3000 }, () => 'team a').join('\n')}\n` });
        const child = spawn(process.execPath, [POM, 'check', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', chunk => {
            stderr += String(chunk);
        });
        child.stdout.once('data', () => child.stdout.destroy());
        await new Promise(r => child.on('close', r));
        expect(stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
    });

    it('prints one line per diagnostic, with control characters and odd file names escaped', async () => {
        const dir = workspace({
            'm.pom': 'package m\nteam a { doc: """\nline one\nline two """ oops }\nteam b "\u001b[31mred\u001b[0m" { owner -> \u001b]0;x\u0007 }\n',
        });
        writeFileSync(join(dir, 'new\nline.pom'), 'package n\nteam a {\n');
        writeFileSync(Buffer.from(join(dir, 'bad-\xff.pom'), 'latin1'), 'package q\nteam a\n');
        const result = await pom(['check', '.'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
        for (const line of result.stdout.trimEnd().split('\n')) expect(line).toMatch(/^[^:]+:\d+:\d+: (error|warning|info): .* \[[a-z-]+\]$/);
        expect(result.stdout).toContain('new\\nline.pom:2:9: error:');
        expect(result.stdout).toContain('not valid UTF-8');
    });

    it('reads a symbolic link to a .pom file inside the workspace, and reports one that leaves it', async () => {
        const outside = workspace({ 'o.pom': 'package o\nteam outside\n' });
        const dir = workspace({ 'real/r.pom': 'package r\nteam inside\n' });
        mkdirSync(join(dir, 'links'));
        symlinkSync('../real/r.pom', join(dir, 'links', 'alias.pom'));
        symlinkSync(join(outside, 'o.pom'), join(dir, 'links', 'out.pom'));
        const result = await pom(['check', '.', '--format', 'json'], dir);
        const diagnostics = JSON.parse(result.stdout) as Array<{ code: string; message: string; location: { file: string } }>;
        expect(diagnostics.filter(d => d.code === 'duplicate-id')).toEqual([]);
        const skipped = diagnostics.filter(d => d.location.file === 'links/out.pom');
        expect(skipped).toHaveLength(1);
        expect(skipped[0].message).toContain('outside the workspace');
        expect(result.stdout).not.toContain('outside"');
        // The warning is a finding like any other: settings can turn it off.
        writeFileSync(join(dir, 'pom.config.pom'), 'settings { severity file-not-read: off }\n');
        const quiet = await pom(['check', '.', '--format', 'json'], dir);
        expect(JSON.parse(quiet.stdout)).toEqual([]);
    });
});
