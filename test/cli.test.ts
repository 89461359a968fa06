import { mkdtempSync, readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pom, workspace } from './cli-run.js';
import { REFERENCE_URL } from '../language/src/diagnostics/codes.js';
import { referenceAnchors } from './support/doc-anchors.js';

const clean = {
    'org.pom': `package acme
team checkout "Checkout" { topology: stream-aligned  owns -> payments }
scope payments "Payments" { kind: capability }
`,
};

const broken = {
    'org.pom': `package acme
team checkout "Checkout" { topology: stream-algned  owns -> paymnts }
scope payments "Payments" { kind: capability }
`,
    'bets.pom': `package acme
bet b "B" { status: active  owner -> checkout }
`,
};

describe('pom check', () => {
    it('exits 0 and reports a summary on a clean workspace', async () => {
        const dir = workspace(clean);
        const result = await pom(['check', '.'], dir);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain('0 errors, 0 warnings in 1 file');
    });

    it('prints path:line:col: severity: message [code], exits 1 on errors', async () => {
        const dir = workspace(broken);
        const result = await pom(['check', dir], process.cwd());
        expect(result.code).toBe(1);
        const lines = result.stdout.trim().split('\n');
        const path = (name: string) => relative(process.cwd(), join(dir, name));
        expect(lines).toContain(
            `${path('org.pom')}:2:38: error: 'stream-algned' is not a member of topology (stream-aligned, platform, enabling, complicated-subsystem, functional, undefined). Did you mean 'stream-aligned'? [unknown-enum-member]`,
        );
        expect(lines).toContain(`${path('org.pom')}:2:61: error: Unknown object 'paymnts'. Did you mean 'payments'? [unknown-object]`);
        expect(
            lines.some(l => l.startsWith(`${path('bets.pom')}:2:5: warning: Active bet 'acme.b' targets nothing`) && l.endsWith('[bet-without-target]')),
        ).toBe(true);
        expect(result.stderr).toContain('2 errors, ');
        expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
    });

    it('--strict fails on warnings', async () => {
        const dir = workspace({ 'a.pom': 'package a\nbet b "B" { status: active }\n' });
        expect((await pom(['check', dir], dir)).code).toBe(0);
        expect((await pom(['check', dir, '--strict'], dir)).code).toBe(1);
    });

    it('--format json gives machine-readable diagnostics', async () => {
        const dir = workspace(broken);
        const result = await pom(['check', '.', '--format', 'json'], dir);
        expect(result.code).toBe(1);
        const diagnostics = JSON.parse(result.stdout);
        expect(diagnostics.map((d: { code: string }) => d.code)).toEqual(
            expect.arrayContaining(['unknown-enum-member', 'unknown-object', 'bet-without-target']),
        );
        expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'bet-without-option', location: { file: 'bets.pom', line: 2, column: 5 } });
        expect(diagnostics.find((d: { severity: string }) => d.severity === 'error')).toMatchObject({
            code: 'unknown-enum-member',
            location: { file: 'org.pom', line: 2, column: 38 },
        });
    });

    it('writes all of a long report through a pipe before it exits (pom check exits without tearing down its heap)', async () => {
        // 1,000 teams owning scopes that do not exist: 660 KB of JSON, ten times a pipe's buffer.
        const teams = Array.from({ length: 1000 }, (_, i) => `team t${i} "T${i}" { topology: stream-aligned  owns -> missing${i} }`);
        const dir = workspace({ 'org.pom': `package acme\n${teams.join('\n')}\n` });
        const result = await pom(['check', '.', '--format', 'json'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout.length).toBeGreaterThan(600_000);
        const unknown = JSON.parse(result.stdout).filter((d: { code: string }) => d.code === 'unknown-object');
        expect(unknown).toHaveLength(1000);
        expect(unknown.at(-1).message).toContain('missing999');
    });

    it('--format github writes workflow annotations with escaped properties', async () => {
        const dir = workspace(broken);
        const result = await pom(['check', '.', '--format', 'github'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('::error file=org.pom,line=2,col=61,endLine=2,endColumn=68,title=pom unknown-object::Unknown object');
        expect(result.stdout).toMatch(/^::warning file=bets.pom,line=2,col=5,/m);
    });

    it('--format sarif writes a SARIF 2.1.0 log', async () => {
        const dir = workspace(broken);
        const result = await pom(['check', '.', '--format', 'sarif'], dir);
        const log = JSON.parse(result.stdout);
        expect(log.version).toBe('2.1.0');
        const results = log.runs[0].results;
        const unknown = results.find((r: { ruleId: string }) => r.ruleId === 'unknown-object');
        expect(unknown.level).toBe('error');
        expect(unknown.locations[0].physicalLocation).toEqual({
            artifactLocation: { uri: 'org.pom' },
            region: { startLine: 2, startColumn: 61, endLine: 2, endColumn: 68 },
        });
        expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('unknown-object');
    });

    it('--format sarif describes each rule: descriptions, default level, a help link to its row in docs/language.md', async () => {
        const dir = workspace({
            ...broken,
            'rules.pom': 'package acme\nrule titled "Bets have a horizon" { for bet  require has horizon  severity: info }\n',
            'data.pom': 'package acme\nmetric signups { source: "crm"  data: "signups.csv" }\n',
            'signups.csv': 'date,value\n2026-13-01,5\n',
        });
        const log = JSON.parse((await pom(['check', '.', '--format', 'sarif'], dir)).stdout);
        const driver = log.runs[0].tool.driver;
        expect(driver.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
        const anchors = referenceAnchors();
        const anchorOf = (uri: string) => {
            expect(uri.startsWith(`${REFERENCE_URL}#`), uri).toBe(true);
            return uri.slice(REFERENCE_URL.length + 1);
        };
        expect(anchors.has(anchorOf(driver.informationUri))).toBe(true);
        const results = log.runs[0].results;
        expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(
            expect.arrayContaining(['unknown-object', 'bet-without-target', 'metric-bad-date', 'acme.titled']),
        );
        for (const result of results) {
            const rule = driver.rules[result.ruleIndex];
            expect(rule.id).toBe(result.ruleId);
            expect(rule.shortDescription.text.length, rule.id).toBeGreaterThan(10);
            expect(rule.fullDescription.text.startsWith(rule.shortDescription.text), rule.id).toBe(true);
            expect(['error', 'warning', 'note'], rule.id).toContain(rule.defaultConfiguration.level);
            expect(anchors.has(anchorOf(rule.helpUri)), rule.helpUri).toBe(true);
        }
        const rule = (id: string) => driver.rules.find((r: { id: string }) => r.id === id);
        expect(rule('unknown-object')).toMatchObject({ defaultConfiguration: { level: 'error' }, helpUri: `${REFERENCE_URL}#unknown-object` });
        expect(rule('unknown-object').fullDescription.text).toContain('Settings cannot change it');
        expect(rule('bet-without-target')).toMatchObject({
            defaultConfiguration: { level: 'warning' },
            shortDescription: { text: 'An active bet that targets nothing.' },
        });
        expect(rule('metric-bad-date').fullDescription.text).toContain('Settings can change its severity');
        // A rule of the model: described by its title and requirement, at its own severity.
        expect(rule('acme.titled')).toMatchObject({
            shortDescription: { text: 'Rule acme.titled: Bets have a horizon.' },
            defaultConfiguration: { level: 'note' },
        });
        expect(rule('acme.titled').fullDescription.text).toContain('It requires: has horizon. Declared at rules.pom:2:6.');
    });

    it('refuses a setting for a code that cannot be configured, at the setting, and says why', async () => {
        const dir = workspace({
            ...clean,
            'pom.config.pom': 'settings {\n  severity incomplete-rule: off\n  severity duplicate-field: warning\n  severity metric-bad-date: warning\n}\n',
        });
        const result = await pom(['check', '.'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe(
            "pom.config.pom:2:12: error: The severity of 'incomplete-rule' cannot be changed: the model is wrong while it is reported: fix the model instead. Remove this setting. [cannot-suppress]\n" +
                "pom.config.pom:3:12: error: The severity of 'duplicate-field' cannot be changed: the model is wrong while it is reported: fix the model instead. Remove this setting. [cannot-suppress]\n",
        );
    });

    it('exits 2 with a one-line error for a missing folder, a bad option, or an unknown command', async () => {
        const missing = await pom(['check', 'no-such-folder'], tmpdir());
        expect(missing.code).toBe(2);
        expect(missing.stderr).toBe('pom: error: no such folder: no-such-folder\n');
        const badFormat = await pom(['check', '.', '--format', 'xml'], tmpdir());
        expect(badFormat.code).toBe(2);
        expect(badFormat.stderr).toContain("option '-f, --format <format>' argument 'xml' is invalid");
        const unknown = await pom(['frobnicate'], tmpdir());
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    });

    it('reports syntax errors with their position and goes on with the rest', async () => {
        const dir = workspace({
            'a.pom': 'package a\nteam t "T" { topology: platform\nscope s "S" { kind: }\n',
            'b.pom': 'package a\nbet b "B" { status: active  owner -> t }\n',
        });
        const result = await pom(['check', '.'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^a\.pom:3:\d+: error: .*\[syntax-error\]$/m);
        // b.pom still links to the team defined in the broken file.
        expect(result.stdout).not.toContain('b.pom:2:38');
    });
});

describe('pom --help', () => {
    it('lists the commands, and every command has help', async () => {
        const help = await pom(['--help'], tmpdir());
        expect(help.code).toBe(0);
        for (const command of ['check', 'build', 'init']) {
            expect(help.stdout).toContain(command);
            const sub = await pom([command, '--help'], tmpdir());
            expect(sub.code).toBe(0);
            expect(sub.stdout).toContain(`Usage: pom ${command}`);
        }
        expect((await pom(['check', '--help'], tmpdir())).stdout).toContain('--format');
    });
});

describe('pom build', () => {
    it('writes graph.json and its schema atomically, and rewrites nothing when nothing changed', async () => {
        const dir = workspace(clean);
        const first = await pom(['build', '.', '--out', 'site'], dir);
        expect(first.code).toBe(0);
        const graph = JSON.parse(readFileSync(join(dir, 'site', 'graph.json'), 'utf8'));
        expect(graph.format).toBe('pom-graph');
        expect(graph.objects.map((o: { id: string }) => o.id)).toEqual(['acme.checkout', 'acme.payments']);
        expect(existsSync(join(dir, 'site', 'graph.schema.json'))).toBe(true);
        expect(readdirSync(join(dir, 'site')).filter(f => f.endsWith('.tmp'))).toEqual([]);
        const before = statSync(join(dir, 'site', 'graph.json')).mtimeMs;
        const second = await pom(['build', '.', '--out', 'site'], dir);
        expect(second.code).toBe(0);
        expect(second.stderr).toContain('0 files changed');
        expect(statSync(join(dir, 'site', 'graph.json')).mtimeMs).toBe(before);
    });

    it('does not read .pom files inside its own output folder, and exits 1 on model errors', async () => {
        const dir = workspace({ ...broken, 'out/stale.pom': 'package stale\nthis is not valid' });
        // --force: the folder holds a file pom did not write.
        const result = await pom(['build', '.', '--out', 'out', '--force'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).not.toContain('stale.pom');
        expect(JSON.parse(readFileSync(join(dir, 'out', 'graph.json'), 'utf8')).diagnostics.length).toBeGreaterThan(0);
    });
});

describe('pom init', () => {
    it('writes a starter workspace that checks cleanly, and refuses to write over one', async () => {
        const dir = join(mkdtempSync(join(tmpdir(), 'pom-init-')), 'model');
        const init = await pom(['init', dir], tmpdir());
        expect(init.code).toBe(0);
        expect(init.stdout).toContain('Created a starter workspace');
        const check = await pom(['check', dir, '--strict'], tmpdir());
        expect(check.stderr).toContain('0 errors, 0 warnings');
        expect(check.code).toBe(0);
        const again = await pom(['init', dir], tmpdir());
        expect(again.code).toBe(2);
        expect(again.stderr).toContain('already holds .pom files');
    });
});
