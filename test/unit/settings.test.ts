// Settings and exceptions: what the registry allows to be configured, in snippets and on plain diagnostics
// (those located in data files, which no .pom document validates).
import { describe, expect, it } from 'vitest';
import { applySettingsToDiagnostics, settledSeverity } from '../../language/src/diagnostics/settings.js';
import type { GraphDiagnostic, PomGraph } from '../../language/src/graph/model.js';
import { check, found } from './harness.js';

const orphans = 'package demo\ninput orphan "Orphan" { metric: "x" }\ninput lonely "Lonely" { metric: "y" }\n';

describe('settings', () => {
    it('raise a warning to an error, lower it to info, or turn it off', async () => {
        const severities = async (level: string) =>
            (await check({ 'w.pom': orphans, 'pom.config.pom': `settings { severity input-drives-nothing: ${level} }` })).diagnostics
                .filter(d => d.code === 'input-drives-nothing')
                .map(d => d.severity);
        expect(await severities('error')).toEqual(['error', 'error']);
        expect(await severities('info')).toEqual(['info', 'info']);
        expect(await severities('off')).toEqual([]);
    });

    it('refuse an error of the model, at the setting: the error stays', async () => {
        const snippet = await check({
            'm.pom': 'package demo\nbet b { horizon: years  horizon: decades }\nrule half { for bet }\n',
            'pom.config.pom': 'settings {\n  severity duplicate-field: off\n  severity incomplete-rule: warning\n}\n',
        });
        expect(snippet.diagnostics.map(d => `${d.location.file} ${d.severity} ${d.code} ${d.location.line}:${d.location.column}`)).toEqual([
            'm.pom error duplicate-field 2:25',
            'm.pom error incomplete-rule 3:6',
            'pom.config.pom error cannot-suppress 2:12',
            'pom.config.pom error cannot-suppress 3:12',
        ]);
        const refusal = snippet.diagnostics.find(d => d.code === 'cannot-suppress')!;
        expect(refusal.location.file).toBe('pom.config.pom');
        expect(refusal.message).toBe(
            "The severity of 'duplicate-field' cannot be changed: the model is wrong while it is reported: fix the model instead. Remove this setting.",
        );
    });

    it('accept a metric data error: the data is wrong, not the model', async () => {
        const snippet = await check({ 'w.pom': orphans, 'pom.config.pom': 'settings { severity metric-bad-date: warning }' });
        expect(found(snippet, 'error')).toEqual([]);
    });

    it('name unknown codes with a suggestion, and apply to those reports too', async () => {
        const typo = await check({ 'w.pom': orphans, 'pom.config.pom': 'settings { severity input-drive-nothing: off }' });
        expect(typo.diagnostics.find(d => d.code === 'unknown-code')?.message).toBe(
            "Unknown diagnostic code 'input-drive-nothing'. Did you mean 'input-drives-nothing'?",
        );
        const quiet = await check({ 'w.pom': orphans, 'pom.config.pom': 'settings {\n  severity input-drive-nothing: off\n  severity unknown-code: off\n}' });
        expect(quiet.diagnostics.map(d => d.code)).not.toContain('unknown-code');
    });
});

describe('exceptions (allow … because)', () => {
    it('excuse one object from one finding', async () => {
        const snippet = await check(orphans.replace('{ metric: "x" }', '{ metric: "x"  allow input-drives-nothing because "Tracked for the board" }'));
        expect(snippet.diagnostics.filter(d => d.code === 'input-drives-nothing').map(d => d.object)).toEqual(['demo.lonely']);
    });

    it('cannot excuse an error of the model, and an exception nothing needs is reported', async () => {
        const snippet = await check(
            'package demo\ninput i {\n  metric: "x"\n  drives -> nowhere\n  allow unknown-object because "I know"\n  allow bet-without-target because "Not a bet"\n}\n',
        );
        expect(found(snippet).filter(f => /^(cannot-suppress|unused-suppression|unknown-object) /.test(f))).toEqual([
            'unknown-object 4:13',
            'cannot-suppress 5:9',
            'unused-suppression 6:9',
        ]);
        expect(snippet.diagnostics.find(d => d.code === 'cannot-suppress')?.message).toBe(
            "'unknown-object' cannot be excused: the model is wrong while it is reported: fix the model instead. Remove this exception.",
        );
    });
});

describe('settings on diagnostics outside .pom documents', () => {
    const located = (code: string, object?: string): GraphDiagnostic => ({
        severity: 'error',
        code,
        message: 'm',
        location: { file: 'data/x.csv', line: 3, column: 1, endLine: 3, endColumn: 2 },
        ...(object ? { object } : {}),
    });
    const graph = (severities: PomGraph['settings']['severities'], allow: Array<{ object: string; code: string }> = []) =>
        ({
            settings: { severities },
            objects: allow.map(a => ({ id: a.object, allow: [{ code: a.code, reason: 'r', location: located(a.code).location }] })),
        }) as unknown as PomGraph;

    it('a severity setting turns a data file problem off, or lowers it', () => {
        expect(applySettingsToDiagnostics([located('metric-bad-date')], graph({ 'metric-bad-date': 'off' }))).toEqual([]);
        expect(applySettingsToDiagnostics([located('metric-bad-date')], graph({ 'metric-bad-date': 'warning' })).map(d => d.severity)).toEqual(['warning']);
    });

    it('an allow on the metric excuses its data file problems, and only its own', () => {
        const excused = graph({}, [{ object: 'acme.signups', code: 'metric-bad-number' }]);
        const kept = applySettingsToDiagnostics([located('metric-bad-number', 'acme.signups'), located('metric-bad-number', 'acme.churn')], excused);
        expect(kept.map(d => d.object)).toEqual(['acme.churn']);
    });

    it('a code that cannot be configured keeps its severity whatever the settings say', () => {
        expect(settledSeverity('unknown-object', 'error', { severities: { 'unknown-object': 'off' } }, true)).toBe('error');
        expect(settledSeverity('acme.rule', 'warning', { severities: { 'acme.rule': 'info' } }, false)).toBe('info');
    });
});
