import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pom, workspace } from '../cli-run.js';

const FORMATTED = `package acme

team checkout "Checkout" {
  topology: stream-aligned
  owns -> payments
}

scope payments "Payments" { kind: capability }
`;
const MESSY = `package acme
team   checkout "Checkout" { topology: stream-aligned
  owns -> payments }   // who owns what
`;
const BROKEN = `package acme
team   broken "Broken" {
  owns ->
}
`;

describe('pom fmt', () => {
    it('--check lists unformatted files and exits 1 without writing', async () => {
        const dir = workspace({ 'a.pom': FORMATTED, 'org/b.pom': MESSY });
        const result = await pom(['fmt', '--check'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('org/b.pom\n');
        expect(result.stderr).toContain('1 of 2 files not formatted');
        expect(readFileSync(join(dir, 'org/b.pom'), 'utf8')).toBe(MESSY);
    });

    it('--check exits 0 when every file is formatted', async () => {
        const dir = workspace({ 'a.pom': FORMATTED });
        const result = await pom(['fmt', '--check', '.'], dir);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('');
    });

    it('rewrites unformatted files atomically and leaves formatted ones alone', async () => {
        const dir = workspace({ 'a.pom': FORMATTED, 'org/b.pom': MESSY });
        const before = { a: statSync(join(dir, 'a.pom')), b: statSync(join(dir, 'org/b.pom')) };
        const result = await pom(['fmt', '.'], dir);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('org/b.pom\n');
        expect(result.stderr).toContain('formatted 1 of 2 files');
        expect(readFileSync(join(dir, 'org/b.pom'), 'utf8')).toBe(
            'package acme\n\nteam checkout "Checkout" {\n  topology: stream-aligned\n  owns -> payments\n}   // who owns what\n',
        );
        // Renamed into place (a new file), no temporary file left behind; the formatted file was not touched.
        expect(statSync(join(dir, 'org/b.pom')).ino).not.toBe(before.b.ino);
        expect(readdirSync(join(dir, 'org'))).toEqual(['b.pom']);
        const a = statSync(join(dir, 'a.pom'));
        expect([a.ino, a.mtimeMs]).toEqual([before.a.ino, before.a.mtimeMs]);
        // Formatting the result again changes nothing.
        expect((await pom(['fmt', '--check'], dir)).code).toBe(0);
    });

    it('reports a file with syntax errors as pom check does, exits 1 and does not rewrite it', async () => {
        const dir = workspace({ 'bad.pom': BROKEN, 'org/b.pom': MESSY });
        const result = await pom(['fmt'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^bad\.pom:4:1: error: .+ \[syntax-error\]$/m);
        expect(result.stderr).toContain('1 with syntax errors left unchanged');
        expect(readFileSync(join(dir, 'bad.pom'), 'utf8')).toBe(BROKEN);
        // The other files are still formatted.
        expect(readFileSync(join(dir, 'org/b.pom'), 'utf8')).not.toBe(MESSY);
        const check = await pom(['check', '.'], dir);
        expect(check.stdout).toContain(result.stdout.trim().split('\n')[0]);
    });

    it('takes single files, and rejects what is not a .pom file', async () => {
        const dir = workspace({ 'a.pom': MESSY, 'b.pom': MESSY, 'notes.txt': 'x' });
        const result = await pom(['fmt', 'a.pom'], dir);
        expect(result.code).toBe(0);
        expect(readFileSync(join(dir, 'b.pom'), 'utf8')).toBe(MESSY);
        expect(readFileSync(join(dir, 'a.pom'), 'utf8')).not.toBe(MESSY);
        const wrong = await pom(['fmt', 'notes.txt'], dir);
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toContain('not a .pom file: notes.txt');
        const missing = await pom(['fmt', 'nowhere'], dir);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('no such file or folder: nowhere');
    });
});

describe('pom fmt --check with a machine-readable format', () => {
    it('reports each unformatted file as an `unformatted` error, and syntax errors, as JSON', async () => {
        const dir = workspace({ 'a.pom': FORMATTED, 'b.pom': MESSY, 'bad.pom': BROKEN });
        const result = await pom(['fmt', '--check', '--format', 'json'], dir);
        expect(result.code).toBe(1);
        const findings = JSON.parse(result.stdout) as Array<{ code: string; location: { file: string; line: number } }>;
        expect(findings.map(f => `${f.code}@${f.location.file}:${f.location.line}`)).toEqual(['unformatted@b.pom:1', 'syntax-error@bad.pom:4']);
    });

    it('annotates unformatted files for GitHub', async () => {
        const dir = workspace({ 'b.pom': MESSY });
        const result = await pom(['fmt', '--check', '--format', 'github'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^::error file=b\.pom,line=1,.*title=pom unformatted::/);
    });
});
