// The registry of diagnostic codes against what it feeds: the validators' constants, the reference's anchors and
// tables, and the severities written where findings are reported.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, diagnosticCode, IssueCodes, isConfigurable, RULES_ANCHOR } from '../../language/src/diagnostics/codes.js';
import { LANGUAGE_REFERENCE, referenceAnchors } from '../support/doc-anchors.js';

const reference = readFileSync(LANGUAGE_REFERENCE, 'utf8');
const diagnosticsSection = reference.slice(reference.indexOf('## 14. Diagnostics'), reference.indexOf('## 15.'));

/** The rows of the diagnostics tables: code → its severity cell, for rows that start with a code. */
function documentedRows(): Map<string, { anchor?: string; severity: string }> {
    const rows = new Map<string, { anchor?: string; severity: string }>();
    for (const line of diagnosticsSection.split('\n')) {
        const row = /^\| (?:<a id="([^"]+)"><\/a>)?`([a-z-]+)` \| ([^|]+) \|/.exec(line);
        if (row) rows.set(row[2], { anchor: row[1], severity: row[3].trim() });
    }
    return rows;
}

/** What the severity cell says for a code: its default, and "(configurable)" on an error that settings can change. */
function severityCell(code: string): string {
    const info = diagnosticCode(code)!;
    if (info.severity === 'error' && info.configurable) return 'error (configurable)';
    if (info.severity !== 'error' && !info.configurable) return `${info.severity} (fixed)`;
    return info.severity;
}

function* sourceFiles(dir: string): Generator<string> {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== 'generated') yield* sourceFiles(path);
        } else if (path.endsWith('.ts')) yield path;
    }
}

describe('the registry of diagnostic codes', () => {
    it('has one entry per constant, each code once, with a one-line description', () => {
        expect(DIAGNOSTIC_CODES.map(info => info.code)).toEqual([...Object.values(IssueCodes)].sort());
        expect(new Set(DIAGNOSTIC_CODES.map(info => info.code)).size).toBe(DIAGNOSTIC_CODES.length);
        for (const info of DIAGNOSTIC_CODES) {
            expect(info.summary, info.code).toMatch(/^[A-Z].*\.$/);
            expect(info.summary, info.code).not.toContain('\n');
        }
    });

    it('refuses to configure the errors of the model, and says why', () => {
        for (const code of [IssueCodes.IncompleteRule, IssueCodes.DuplicateField, IssueCodes.UnknownType, IssueCodes.InternalError, IssueCodes.Unformatted]) {
            expect(isConfigurable(code), code).toBe(false);
            expect(diagnosticCode(code)!.fixedBecause, code).toBeTruthy();
        }
    });

    it('lets every warning and info, the metric data errors and any rule id be configured', () => {
        for (const info of DIAGNOSTIC_CODES.filter(i => i.severity !== 'error')) expect(info.configurable, info.code).toBe(true);
        for (const code of [IssueCodes.MetricBadDate, IssueCodes.MetricDataMissing, IssueCodes.MetricBadNumber]) expect(isConfigurable(code), code).toBe(true);
        expect(isConfigurable('acme.rules.owned')).toBe(true);
        expect(diagnosticCode('acme.rules.owned')).toBeUndefined();
    });

    it('documents every code in docs/language.md at its anchor, with its default severity', () => {
        const anchors = referenceAnchors();
        const rows = documentedRows();
        for (const info of DIAGNOSTIC_CODES) {
            expect(anchors.has(info.anchor), `anchor #${info.anchor}`).toBe(true);
            expect(rows.get(info.code), `row of ${info.code}`).toEqual({ anchor: info.anchor, severity: severityCell(info.code) });
        }
        expect(anchors.has(RULES_ANCHOR)).toBe(true);
        expect(anchors.has('14-diagnostics')).toBe(true);
    });

    it('documents no code that the registry does not have', () => {
        const unknown = [...documentedRows().keys()].filter(code => !diagnosticCode(code));
        expect(unknown).toEqual([]);
        const explicitAnchors = [...diagnosticsSection.matchAll(/<a id="([^"]+)">/g)].map(m => m[1]);
        expect(explicitAnchors.filter(anchor => !DIAGNOSTIC_CODES.some(info => info.anchor === anchor))).toEqual([]);
        expect(new Set(explicitAnchors).size).toBe(explicitAnchors.length);
    });

    it('agrees with the severity written wherever a finding is reported with a constant', () => {
        const mismatches: string[] = [];
        // accept('warning', …, { code: IssueCodes.X }), report('warning', IssueCodes.X, …), diagnostic('error', IssueCodes.X, …),
        // { severity: 'warning', code: IssueCodes.X }: the literal severity and the first constant after it.
        const written =
            /\b(?:accept|report|diagnostic)\(\s*'(error|warning|info)',[^;]*?IssueCodes\.(\w+)|severity: '(error|warning|info)',\s*code: IssueCodes\.(\w+)/g;
        let checked = 0;
        for (const dir of ['language/src', 'cli/src']) {
            for (const file of sourceFiles(dir)) {
                for (const match of readFileSync(file, 'utf8').matchAll(written)) {
                    const severity = match[1] ?? match[3];
                    const name = (match[2] ?? match[4]) as keyof typeof IssueCodes;
                    checked++;
                    const registered = diagnosticCode(IssueCodes[name])?.severity;
                    if (registered !== severity) mismatches.push(`${file}: ${name} reported as ${severity}, registered as ${registered}`);
                }
            }
        }
        expect(checked).toBeGreaterThan(50);
        expect(mismatches).toEqual([]);
    });
});
