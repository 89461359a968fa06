// Validators on small snippets: each test writes the few lines a user would, and asserts the codes, positions
// and messages pom reports (or that it reports nothing).
import { describe, expect, it } from 'vitest';
import { check, codesOf, found } from './harness.js';

const only = async (source: string | Record<string, string>, code: string) => {
    const snippet = await check(source);
    const matching = snippet.diagnostics.filter(d => d.code === code);
    expect(
        matching.map(d => d.code),
        `diagnostics: ${found(snippet).join(', ')}`,
    ).toEqual([code]);
    return matching[0];
};

describe('syntax and names', () => {
    it('a clean snippet reports nothing', async () => {
        const snippet = await check(
            'package demo\nteam checkout "Checkout" { topology: stream-aligned  owns -> payments }\nscope payments "Payments" { kind: capability }\n',
        );
        expect(found(snippet)).toEqual([]);
    });

    it('a missing value is one syntax error at the place, nothing more on that line', async () => {
        const snippet = await check('package demo\nscope s "S" { kind: }\n');
        expect(found(snippet, 'error')).toEqual(['syntax-error 2:21']);
    });

    it('an unknown link target suggests the near name', async () => {
        const d = await only('package demo\nscope payments\nteam t { topology: platform  owns -> paymnts }\n', 'unknown-object');
        expect(d.location).toMatchObject({ line: 3, column: 38 });
        expect(d.message).toBe("Unknown object 'paymnts'. Did you mean 'payments'?");
    });

    it('an unknown enum member lists the members and suggests one', async () => {
        const d = await only('package demo\nteam t { topology: stream-algned }\n', 'unknown-enum-member');
        expect(d.message).toContain("Did you mean 'stream-aligned'?");
        expect(d.message).toContain('platform');
    });

    it('an unknown field on an object is an error at the field', async () => {
        const d = await only('package demo\nbet b { statuss: active }\n', 'unknown-field');
        expect(d.location).toMatchObject({ line: 2, column: 9 });
        expect(d.severity).toBe('error');
    });

    it('an unknown type of an object', async () => {
        const d = await only('package demo\nbett b "B"\n', 'unknown-type');
        expect(d.location.line).toBe(2);
    });

    it('two objects with one id are reported at both', async () => {
        const snippet = await check({ 'a.pom': 'package demo\nteam t\n', 'b.pom': 'package demo\nteam t\n' });
        expect(found(snippet)).toEqual(['duplicate-id 2:6', 'duplicate-id 2:6']);
        expect(snippet.diagnostics.map(d => d.location.file)).toEqual(['a.pom', 'b.pom']);
    });

    it('the std package is reserved', async () => {
        await only('package std.mine\nteam t\n', 'reserved-package');
    });

    it('an object in another package is reached by its full id or an import', async () => {
        const files = { 'org.pom': 'package acme.org\nteam payments "Payments" { topology: platform }\n' };
        expect(codesOf(await check({ ...files, 'bets.pom': 'package acme.bets\nbet b { owner -> payments }\n' }))).toContain('unknown-object');
        const imported = await check({ ...files, 'bets.pom': 'package acme.bets\nimport acme.org\nbet b { owner -> payments }\n' });
        expect(codesOf(imported)).not.toContain('unknown-object');
        const full = await check({ ...files, 'bets.pom': 'package acme.bets\nbet b { owner -> acme.org.payments }\n' });
        expect(codesOf(full)).not.toContain('unknown-object');
    });
});

describe('declarations and values', () => {
    it('a type that extends itself through another is a cycle', async () => {
        const snippet = await check('package demo\ntype a extends b\ntype b extends a\n');
        expect(codesOf(snippet).filter(code => code === 'type-cycle').length).toBeGreaterThan(0);
    });

    it("a subtype may not change an inherited field's type", async () => {
        await only('package demo\ntype squad extends team { wip-limit: text }\n', 'field-redeclared');
    });

    it('a quoted number is the wrong type for a number field', async () => {
        const d = await only('package demo\nteam t { topology: platform  wip-limit: "3" }\n', 'wrong-value-type');
        expect(d.location.line).toBe(2);
    });

    it('a date that is not on the calendar', async () => {
        await only('package demo\nbet b { start: 2026-02-30 }\n', 'invalid-date');
    });

    it('century years are leap years only every fourth century', async () => {
        await only('package demo\nbet b { start: 1900-02-29 }\n', 'invalid-date');
        await only('package demo\nbet b { start: 2100-02-29 }\n', 'invalid-date');
        const fine = await check('package demo\nbet b { start: 2000-02-29 }\nbet c { start: 2024-02-29 }\n');
        expect(fine.diagnostics.filter(d => d.code === 'invalid-date')).toEqual([]);
    });

    it('a required field of a declared type must be set', async () => {
        const d = await only('package demo\ntype experiment extends bet { hypothesis: text }\nexperiment e "E"\n', 'missing-field');
        expect(d.message).toContain('hypothesis');
    });

    it('a field set twice is an error at the second', async () => {
        const d = await only('package demo\nbet b { horizon: weeks  horizon: months }\n', 'duplicate-field');
        expect(d.message).toBe("'horizon' is set twice on 'b'; keep one.");
        expect(d.location).toMatchObject({ line: 2, column: 25 });
    });

    it('among many members, a field set twice and a required field missing are both found', async () => {
        const declared = Array.from({ length: 20 }, (_, i) => `f${i}?: number`).join('  ');
        const set = Array.from({ length: 20 }, (_, i) => `f${i}: ${i}`).join('  ');
        const snippet = await check(`package demo\ntype probe { need: text  ${declared} }\nprobe p { ${set}  f3: 4 }\n`);
        const errors = snippet.diagnostics.filter(d => d.severity === 'error');
        expect(errors.map(d => [d.code, d.message])).toEqual([
            ['missing-field', "probe 'p' needs 'need' (text): add 'need: …' to it."],
            ['duplicate-field', "'f3' is set twice on 'p'; keep one."],
        ]);
    });
});

describe('links', () => {
    it('a link between types its kind does not allow, at the source end', async () => {
        const d = await only('package t\nscope s\nbet b { owns -> s }\n', 'link-not-allowed');
        expect(d.message).toBe("'owns' links from team or group; 'b' is a bet.");
    });

    it('required metadata, with how to write it', async () => {
        const d = await only('package t\ngoal g\nbet b { targets -> g }\n', 'missing-metadata');
        expect(d.message).toContain('write targets -> g { expected: … }');
    });

    it('a link to itself is a warning; of an acyclic kind it is a cycle instead, reported once', async () => {
        const d = await only('package t\nteam a { interacts -> a { mode: facilitating } }\n', 'self-link');
        expect(d.severity).toBe('warning');
        expect(d.message).toBe("'a' links to itself with 'interacts'.");
        const acyclic = await check('package t\nbet b { depends-on -> b }\n');
        expect(found(acyclic, 'error')).toEqual(['cycle 2:23']);
        expect(codesOf(acyclic)).not.toContain('self-link');
    });

    it('a single link kind given twice: two owners', async () => {
        await only('package t\nteam a { topology: platform }\nteam c { topology: platform }\nbet b { owner -> a, c }\n', 'too-many-targets');
    });

    it('an acyclic link kind forming a cycle names it', async () => {
        const snippet = await check('package t\nbet a { depends-on -> b }\nbet b { depends-on -> a }\n');
        const cycles = snippet.diagnostics.filter(d => d.code === 'cycle');
        expect(cycles.length).toBeGreaterThan(0);
        expect(cycles[0].message).toMatch(/a.*b|b.*a/);
    });

    it('the same link written at both ends is one link and a warning', async () => {
        const snippet = await check('package t\ninput i { targeted-by -> b { expected: "+1" } }\nbet b { targets -> i { expected: "+1" } }\n');
        expect(codesOf(snippet)).toContain('duplicate-link');
        const bet = snippet.graph.objects.find(o => o.id === 't.b')!;
        expect(bet.links.filter(l => l.kind === 'std.targets').map(l => l.target)).toEqual(['t.i']);
    });
});

describe('operating-model warnings', () => {
    it('an active bet that targets nothing, and was chosen from no option', async () => {
        const snippet = await check('package demo\nbet b "B" { status: active }\n');
        expect(found(snippet)).toEqual(['bet-without-option 2:5', 'bet-without-target 2:5']);
        expect(snippet.diagnostics.every(d => d.severity === 'warning' && d.object === 'demo.b')).toBe(true);
    });

    it('an ongoing bet needs no option', async () => {
        const snippet = await check('package demo\nbet b "B" { status: active  kind: ongoing }\n');
        expect(codesOf(snippet)).toEqual(['bet-without-target']);
    });

    it('a team over its WIP limit', async () => {
        const bets = [1, 2, 3].map(n => `bet b${n} { status: active  kind: ongoing  owner -> t  targets -> i { expected: "+1" } }`).join('\n');
        const snippet = await check(`package demo\ninput i { metric: "x"  drives -> n }\nnorth-star n\nteam t { topology: platform  wip-limit: 2 }\n${bets}\n`);
        const d = snippet.diagnostics.find(x => x.code === 'wip-limit-exceeded');
        expect(d?.object).toBe('demo.t');
        expect(d?.message).toContain('3');
    });

    it('a rejected option without a rationale', async () => {
        const d = await only('package demo\nopportunity o { option x { status: rejected } }\n', 'rejected-without-rationale');
        expect(d.object).toBe('demo.o.x');
    });
});

describe('views, rules and queries', () => {
    it('a rule without require is incomplete, and reports no findings', async () => {
        const snippet = await check('package demo\nbet b\nrule half { for bet }\n');
        expect(found(snippet)).toEqual(['incomplete-rule 3:6']);
        expect(snippet.diagnostics[0].message).toBe("Rule 'half' needs 'require <condition>' (what they must meet).");
    });

    it('a rule reports each selected object that fails it, with the rule id as code', async () => {
        const snippet = await check(
            'package demo\nteam t { topology: platform }\nbet owned { owner -> t }\nbet stray\nrule has-owner { for bet  require owner -> * }\n',
        );
        const findings = snippet.diagnostics.filter(d => d.code === 'demo.has-owner');
        expect(findings.map(d => `${d.object} ${d.severity}`)).toEqual(['demo.stray warning']);
    });

    it('a view that selects nothing is a warning; containment on a type is an invalid selector', async () => {
        const snippet = await check('package demo\nbet b { status: proposed }\nview none { include bet where status = killed }\nview bad { include bet.* }\n');
        expect(found(snippet)).toEqual(['empty-view 3:6', 'invalid-selector 4:23']);
    });

    it('a view that extends an unknown view', async () => {
        await only('package demo\nview v extends nowhere { include bet }\nbet b\n', 'unknown-view');
    });
});
