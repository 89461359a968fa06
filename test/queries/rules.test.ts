import { describe, expect, it } from 'vitest';
import { compile, errors, withCode } from '../helpers.js';

const model = `package demo
input conversion "Conversion" { metric: "checkout.completion" }
team checkout "Checkout" { owns -> payments, wallets, cards, refunds }
team platform "Platform" { owns -> infra }
scope payments "Payments"
scope wallets "Wallets"
scope cards "Cards"
scope refunds "Refunds"
scope infra "Infra"
bet fast "Fast" { status: active  owner -> checkout  targets -> conversion { expected: "+1pp" } }
bet loose "Loose" { status: active  owner -> checkout }
bet idea "Idea" { status: proposed }
`;

function findings(result: Awaited<ReturnType<typeof compile>>, code: string): string[] {
    return withCode(result, code).map(d => `${d.severity} ${d.object}`);
}

describe('rules', () => {
    it('report each selected object that fails a requirement, with the rule id as code, at the object', async () => {
        const result = await compile({
            'model.pom': model,
            'rules.pom': `package demo
rule bets-need-targets "Every active bet targets an input" {
  severity: error
  for bet where status = active
  require targets -> input
}
`,
        });
        expect(findings(result, 'demo.bets-need-targets')).toEqual(['error demo.loose']);
        const [finding] = withCode(result, 'demo.bets-need-targets');
        expect(finding.location).toMatchObject({ file: 'model.pom', line: 11 });
        expect(finding.message).toBe("'demo.loose' breaks the rule 'Every active bet targets an input': it fails 'targets -> input'.");
    });

    it('require counts, fields and paths, with a custom message; severity defaults to warning', async () => {
        const result = await compile({
            'model.pom': model,
            'rules.pom': `package demo
rule focus { for team  require count(owns) <= 3  message: "Teams own at most three scopes." }
rule owned { for bet  require owner -> * and has status }
rule strategic { for bet where status = active  require ~> input }
`,
        });
        expect(findings(result, 'demo.focus')).toEqual(['warning demo.checkout']);
        expect(withCode(result, 'demo.focus')[0].message).toBe("Teams own at most three scopes. ('demo.checkout' fails 'count(owns) <= 3'; rule demo.focus)");
        expect(findings(result, 'demo.owned')).toEqual(['warning demo.idea']);
        expect(findings(result, 'demo.strategic')).toEqual(['warning demo.loose']);
    });

    it('a rule turned off reports nothing; a rule without for or require is an error', async () => {
        const result = await compile({
            'model.pom': model,
            'rules.pom': `package demo
rule quiet { severity: off  for bet  require targets -> * }
rule half { for bet }
`,
        });
        expect(findings(result, 'demo.quiet')).toEqual([]);
        expect(withCode(result, 'incomplete-rule').map(d => d.message)).toEqual(["Rule 'half' needs 'require <condition>' (what they must meet)."]);
    });
});

describe('settings and exceptions', () => {
    const warnings = `package demo
input orphan "Orphan" { metric: "x" }
input lonely "Lonely" { metric: "y" }
`;

    it('settings change the severity of a warning, or turn it off', async () => {
        const plain = await compile({ 'w.pom': warnings });
        expect(findings(plain, 'input-drives-nothing')).toEqual(['warning demo.orphan', 'warning demo.lonely']);
        const strict = await compile({ 'w.pom': warnings, 'pom.config.pom': 'settings { severity input-drives-nothing: error }' });
        expect(findings(strict, 'input-drives-nothing')).toEqual(['error demo.orphan', 'error demo.lonely']);
        const off = await compile({ 'w.pom': warnings, 'pom.config.pom': 'settings { severity input-drives-nothing: off }' });
        expect(findings(off, 'input-drives-nothing')).toEqual([]);
    });

    it('settings apply to rule findings too', async () => {
        const result = await compile({
            'model.pom': model,
            'rules.pom': 'package demo\nrule owned { for bet  require owner -> * }\nsettings { severity demo.owned: info }',
        });
        expect(findings(result, 'demo.owned')).toEqual(['info demo.idea']);
    });

    it('an exception excuses one object only, and needs a reason', async () => {
        const result = await compile({
            'w.pom': `package demo
input orphan "Orphan" {
    metric: "x"
    allow input-drives-nothing because "Tracked for the board; it drives nothing on purpose"
}
input lonely "Lonely" { metric: "y" }
`,
        });
        expect(findings(result, 'input-drives-nothing')).toEqual(['warning demo.lonely']);
        expect(result.graph.objects.find(o => o.id === 'demo.orphan')!.allow).toEqual([
            {
                code: 'input-drives-nothing',
                reason: 'Tracked for the board; it drives nothing on purpose',
                location: { file: 'w.pom', line: 4, column: 11, endLine: 4, endColumn: 31 },
            },
        ]);
    });

    it('excuses a rule finding', async () => {
        const result = await compile({
            'model.pom': model.replace(
                'bet idea "Idea" { status: proposed }',
                'bet idea "Idea" { status: proposed  allow demo.owned because "Owner chosen at the next review" }',
            ),
            'rules.pom': 'package demo\nrule owned { for bet  require owner -> * }',
        });
        expect(findings(result, 'demo.owned')).toEqual([]);
    });

    it('errors cannot be lowered or excused; unknown codes and unused exceptions are reported', async () => {
        const result = await compile({
            'w.pom': `package demo
input orphan "Orphan" {
    metric: "x"
    drives -> nowhere
    allow unknown-object because "I know"
    allow bet-without-target because "Not a bet"
    allow input-drive-nothing because "typo"
}
settings {
    severity link-not-allowed: warning
    severity no-such-code: off
}
`,
        });
        expect(withCode(result, 'unknown-object').map(d => d.severity)).toEqual(['error']);
        expect(withCode(result, 'cannot-suppress').map(d => d.location.line)).toEqual([5, 10]);
        expect(withCode(result, 'unknown-code').map(d => `${d.location.line} ${d.message}`)).toEqual([
            "7 Unknown diagnostic code 'input-drive-nothing'. Did you mean 'input-drives-nothing'?",
            "11 Unknown diagnostic code 'no-such-code'. See docs/language.md for the codes, or name a rule by its id.",
        ]);
        expect(withCode(result, 'unused-suppression').map(d => d.location.line)).toEqual([6]);
    });

    it('two settings for one code conflict', async () => {
        const result = await compile({
            'w.pom': warnings,
            'a.pom': 'settings { severity input-drives-nothing: error }',
            'b.pom': 'settings { severity input-drives-nothing: off }',
        });
        expect(withCode(result, 'conflicting-setting').map(d => d.location.file)).toEqual(['b.pom']);
        expect(findings(result, 'input-drives-nothing')).toEqual(['error demo.orphan', 'error demo.lonely']);
        expect(errors(result).filter(e => !e.startsWith('input-drives-nothing'))).toEqual([]);
    });
});
