import { describe, expect, it } from 'vitest';
import { brief, codes, compile, errors, object, withCode } from '../helpers.js';
import { at, only } from './util.js';

describe('link-not-allowed', () => {
    it('fires at the source end, on the link kind', async () => {
        const result = await compile(`package t
scope s
bet b { owns -> s }
`);
        const d = only(result, 'link-not-allowed');
        expect(brief(d)).toBe('link-not-allowed@main.pom:3:9');
        expect(d.severity).toBe('error');
        expect(d.message).toBe(`'owns' links from team or group; 'b' is a bet.`);
    });

    it('fires at the target end, on the target', async () => {
        const result = await compile(`package t
bet b
team c { owns -> b }
`);
        const d = only(result, 'link-not-allowed');
        expect(brief(d)).toBe('link-not-allowed@main.pom:3:18');
        expect(d.message).toBe(`'owns' links to scope; 'b' is a bet.`);
    });

    it('fires under the inverse name, with the roles swapped', async () => {
        const result = await compile(`package t
bet b
scope s2 { owned-by -> b }
team x { owned-by -> s2 }
`);
        expect(at(result, 'link-not-allowed')).toEqual(['link-not-allowed@main.pom:3:24', 'link-not-allowed@main.pom:4:10', 'link-not-allowed@main.pom:4:22']);
        const [source, here, there] = withCode(result, 'link-not-allowed');
        // scope s2 owned-by b means b owns s2: b is the source and must be a team or group.
        expect(source.message).toBe(`'owned-by' links from team or group; 'b' is a bet.`);
        expect(here.message).toBe(`'owned-by' links to scope; 'x' is a team.`);
        expect(there.message).toBe(`'owned-by' links from team or group; 's2' is a scope.`);
    });

    it('does not fire on allowed ends, subtypes and inverse names', async () => {
        const result = await compile(`package t
type squad extends team
scope s
scope s2 { owned-by -> c }
team c { owns -> s }
squad q { stewards -> s }
bet b { owner -> q }
`);
        expect(codes(result)).not.toContain('link-not-allowed');
        expect(errors(result)).toEqual([]);
    });
});

describe('missing-metadata', () => {
    it('fires on a link without required metadata, showing how to write it', async () => {
        const result = await compile(`package t
team a
team b { interacts -> a }
`);
        const d = only(result, 'missing-metadata');
        expect(brief(d)).toBe('missing-metadata@main.pom:3:23');
        expect(d.severity).toBe('error');
        expect(d.message).toBe(`'interacts' needs 'mode' (interaction-mode): write interacts -> a { mode: … }.`);
    });

    it('fires on targets without expected, also under the inverse name', async () => {
        const result = await compile(`package t
goal g
bet b { targets -> g }
goal h { targeted-by -> b }
`);
        expect(at(result, 'missing-metadata')).toEqual(['missing-metadata@main.pom:3:20', 'missing-metadata@main.pom:4:25']);
        const [forward, inverse] = withCode(result, 'missing-metadata');
        expect(forward.message).toContain(`'targets' needs 'expected' (text): write targets -> g { expected: … }`);
        expect(inverse.message).toContain(`write targeted-by -> b { expected: … }`);
    });

    it('does not fire when the metadata is given, or defaulted', async () => {
        const result = await compile(`package t
team a
team b { interacts -> a { mode: facilitating } depends-on -> a }
goal g
bet x { targets -> g { expected: "+1pp" } }
goal h { targeted-by -> x { expected: "-2%" } }
`);
        expect(codes(result)).not.toContain('missing-metadata');
        expect(errors(result)).toEqual([]);
        // depends-on's kind defaults to blocking.
        expect(object(result, 't.b').links.find(l => l.kind === 'std.depends-on')!.meta).toEqual({ kind: 'blocking' });
    });
});

describe('duplicate-link', () => {
    it('fires on a target listed twice in one statement', async () => {
        const result = await compile(`package t
team a
bet b { owner -> a, a }
`);
        const found = withCode(result, 'duplicate-link');
        expect(found.map(brief)).toEqual(['duplicate-link@main.pom:3:21']);
        expect(found[0].severity).toBe('warning');
        expect(found[0].message).toBe(`The 'owner' link from 't.b' to 't.a' is written twice; keep one.`);
        expect(object(result, 't.b').links).toHaveLength(1);
    });

    it('fires once on a link written at both ends, where it is written the second time', async () => {
        const result = await compile(`package t
team a { depends-on -> b }
team b { depended-on-by -> a }
`);
        const d = only(result, 'duplicate-link');
        expect(brief(d)).toBe('duplicate-link@main.pom:3:28');
        expect(d.severity).toBe('warning');
        expect(d.message).toBe(`The 'depends-on' link from 't.a' to 't.b' is written twice; keep one.`);
        expect(object(result, 't.a').links).toHaveLength(1);
        expect(object(result, 't.b').backlinks).toHaveLength(1);
    });

    it('fires on the same link in two statements', async () => {
        const result = await compile(`package t
team a
bet b { owner -> a
  owner -> a }
`);
        const d = only(result, 'duplicate-link');
        expect(brief(d)).toBe('duplicate-link@main.pom:4:12');
    });

    it('does not fire when each link is written once, at one end', async () => {
        const result = await compile(`package t
team a { depends-on -> b }
team b
team c { depended-on-by -> a }
bet d { owner -> a }
`);
        expect(codes(result)).not.toContain('duplicate-link');
        expect(errors(result)).toEqual([]);
    });
});

describe('self-link', () => {
    it('fires on an object linking to itself', async () => {
        const result = await compile(`package t
team a { interacts -> a { mode: facilitating } }
`);
        const d = only(result, 'self-link');
        expect(brief(d)).toBe('self-link@main.pom:2:23');
        expect(d.severity).toBe('warning');
        expect(d.message).toBe(`'a' links to itself with 'interacts'.`);
    });

    it('does not fire on a link to another object of the same name elsewhere', async () => {
        const result = await compile(`package t
team a { interacts -> b.a { mode: facilitating } }
team b {
  team a
}
`);
        expect(codes(result)).not.toContain('self-link');
        expect(errors(result)).toEqual([]);
    });
});

describe('too-many-targets', () => {
    it('fires on two owners in one statement, at the second, naming both', async () => {
        const result = await compile(`package t
team a
team b
bet c { owner -> a, b }
`);
        const d = only(result, 'too-many-targets');
        expect(brief(d)).toBe('too-many-targets@main.pom:4:21');
        expect(d.severity).toBe('error');
        expect(d.message).toBe(`'t.c' has 2 'owner' links (t.a, t.b); 'owner' allows one. Keep one.`);
    });

    it('fires on two owners in two statements, one written as owner-of at the team', async () => {
        const result = await compile(`package t
team a
team d { owner-of -> c }
bet c { owner -> a }
`);
        const d = only(result, 'too-many-targets');
        expect(brief(d)).toBe('too-many-targets@main.pom:3:22');
        expect(d.message).toContain(`'t.c' has 2 'owner' links (t.a, t.d)`);
    });

    it('does not fire on one owner, nor on a nested object replacing its inherited owner', async () => {
        const result = await compile(`package t
team a
team b
bet c { owner -> a
  bet d { owner -> b }
}
`);
        expect(codes(result)).not.toContain('too-many-targets');
        expect(errors(result)).toEqual([]);
    });
});

describe('too-many-sources', () => {
    it('fires on a scope with two owns, naming both owners and the way out', async () => {
        const result = await compile(`package t
scope s
team a2 { owns -> s }
team b2 { owns -> s }
`);
        const d = only(result, 'too-many-sources');
        expect(brief(d)).toBe('too-many-sources@main.pom:4:19');
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`'t.s' is the target of 2 'owns' links (from t.a2, t.b2)`);
        expect(d.message).toContain('Keep one owner; the others can steward it.');
    });

    it('fires when the two owners are written at the scope as owned-by', async () => {
        const result = await compile(`package t
team a2
team b2
scope s { owned-by -> a2, b2 }
`);
        const d = only(result, 'too-many-sources');
        expect(brief(d)).toBe('too-many-sources@main.pom:4:27');
    });

    it('does not fire when the second team stewards the scope', async () => {
        const result = await compile(`package t
scope s
team a2 { owns -> s }
team b2 { stewards -> s }
`);
        expect(codes(result)).not.toContain('too-many-sources');
        expect(errors(result)).toEqual([]);
    });
});

describe('cycle', () => {
    it('fires on drives links that loop, showing the cycle', async () => {
        const result = await compile(`package t
driver a { drives -> b }
driver b { drives -> c }
driver c { drives -> a }
`);
        const d = only(result, 'cycle');
        expect(brief(d)).toBe('cycle@main.pom:4:22');
        expect(d.severity).toBe('error');
        expect(d.message).toBe(`'drives' links form a cycle: t.a → t.b → t.c → t.a. Remove one of these links.`);
    });

    it('fires on depends-on links that loop', async () => {
        const result = await compile(`package t
team a { depends-on -> b }
team b { depends-on -> a }
`);
        const d = only(result, 'cycle');
        expect(brief(d)).toBe('cycle@main.pom:3:24');
        expect(d.message).toContain(`'depends-on' links form a cycle: t.a → t.b → t.a.`);
    });

    it('fires on a cycle closed under the inverse name', async () => {
        const result = await compile(`package t
team a { depends-on -> b depended-on-by -> b }
team b
`);
        const d = only(result, 'cycle');
        expect(brief(d)).toBe('cycle@main.pom:2:44');
        expect(d.message).toContain('t.a → t.b → t.a');
    });

    it('does not fire on a chain that does not close', async () => {
        const result = await compile(`package t
driver a { drives -> b }
driver b { drives -> c }
driver c
team x { depends-on -> y }
team y { depends-on -> z }
team z
`);
        expect(codes(result)).not.toContain('cycle');
        expect(errors(result)).toEqual([]);
    });
});

describe('horizon-inversion', () => {
    it('fires on a nested item with a longer horizon than its container, at its horizon', async () => {
        const result = await compile(`package t
opportunity o { horizon: quarters
  opportunity p { horizon: years }
}
`);
        const d = only(result, 'horizon-inversion');
        expect(brief(d)).toBe('horizon-inversion@main.pom:3:28');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`'p' has horizon years, longer than its container 'o' (quarters)`);
    });

    it('fires on a nested item whose default horizon is longer, at its name', async () => {
        const result = await compile(`package t
driver d { horizon: quarters
  north-star n
}
`);
        const d = only(result, 'horizon-inversion');
        expect(brief(d)).toBe('horizon-inversion@main.pom:3:14');
        expect(d.message).toContain(`'n' has horizon decades, longer than its container 'd' (quarters)`);
    });

    it('fires on targets, drives and contributes-to links pointing to a shorter horizon', async () => {
        const result = await compile(`package t
input i { horizon: years
  drives -> d
}
driver d { horizon: months }
bet b { horizon: quarters
  targets -> i2 { expected: "+1" }
}
input i2 { horizon: weeks }
goal g { horizon: years contributes-to -> g2 }
goal g2 { horizon: weeks }
`);
        expect(at(result, 'horizon-inversion')).toEqual([
            'horizon-inversion@main.pom:3:13',
            'horizon-inversion@main.pom:7:14',
            'horizon-inversion@main.pom:10:43',
        ]);
        const [drives, targets, contributes] = withCode(result, 'horizon-inversion');
        expect(drives.message).toContain(`'t.i' (years) drives 't.d' (months), a shorter horizon`);
        expect(targets.message).toContain(`'t.b' (quarters) targets 't.i2' (weeks), a shorter horizon`);
        expect(contributes.message).toContain(`'t.g' (years) contributes-to 't.g2' (weeks)`);
    });

    it('does not fire when horizons grow outwards and along the links', async () => {
        const result = await compile(`package t
opportunity q { horizon: quarters
  opportunity z { horizon: weeks }
}
input i { horizon: months
  drives -> d
}
driver d { horizon: years }
bet b { horizon: weeks
  targets -> i { expected: "+1" }
}
`);
        expect(codes(result)).not.toContain('horizon-inversion');
        expect(errors(result)).toEqual([]);
    });
});
