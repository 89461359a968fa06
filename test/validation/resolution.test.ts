import { describe, expect, it } from 'vitest';
import { codes, compile, errors, object } from '../helpers.js';
import { only } from './util.js';

/** The targets of an object's own links of one kind (`std.` prefixed). */
function targets(result: Awaited<ReturnType<typeof compile>>, id: string, kind: string): string[] {
    return object(result, id)
        .links.filter(l => l.kind === `std.${kind}`)
        .map(l => l.target);
}

describe('linking across files and packages', () => {
    it('links by simple name within a package, across files', async () => {
        const result = await compile({
            'org.pom': `package acme
team payments
`,
            'bets.pom': `package acme
bet b { owner -> payments }
`,
        });
        expect(errors(result)).toEqual([]);
        expect(targets(result, 'acme.b', 'owner')).toEqual(['acme.payments']);
    });

    it('links to nested objects by dotted path, and by full id from another package', async () => {
        const result = await compile({
            'org.pom': `package acme
team payments-team
scope commerce {
  scope payments
}
`,
            'bets.pom': `package acme
bet b1 { in-scope -> commerce.payments }
`,
            'other.pom': `package other
bet b2 { owner -> acme.payments-team in-scope -> acme.commerce.payments }
`,
        });
        expect(errors(result)).toEqual([]);
        expect(targets(result, 'acme.b1', 'in-scope')).toEqual(['acme.commerce.payments']);
        expect(targets(result, 'other.b2', 'owner')).toEqual(['acme.payments-team']);
        expect(targets(result, 'other.b2', 'in-scope')).toEqual(['acme.commerce.payments']);
    });

    it("import pkg makes the package's objects visible by their names and paths", async () => {
        const result = await compile({
            'org.pom': `package acme
team payments-team
scope commerce {
  scope payments
}
`,
            'bets.pom': `package acme.bets
import acme
bet b { owner -> payments-team in-scope -> commerce.payments }
`,
        });
        expect(errors(result)).toEqual([]);
        expect(targets(result, 'acme.bets.b', 'owner')).toEqual(['acme.payments-team']);
        expect(targets(result, 'acme.bets.b', 'in-scope')).toEqual(['acme.commerce.payments']);
    });

    it('a sub-package does not see its parent package without an import', async () => {
        const result = await compile({
            'org.pom': `package acme
team payments-team
`,
            'bets.pom': `package acme.bets
bet b { owner -> payments-team }
`,
        });
        expect(only(result, 'unknown-object').location.file).toBe('bets.pom');
    });

    it('import pkg.object makes that object and its children visible, and nothing else', async () => {
        const result = await compile({
            'org.pom': `package acme.org
team payments {
  team core
}
team other
`,
            'app.pom': `package app
import acme.org.payments
bet x { owner -> payments.core }
bet y { owner -> payments }
bet z { owner -> other }
`,
        });
        expect(targets(result, 'app.x', 'owner')).toEqual(['acme.org.payments.core']);
        expect(targets(result, 'app.y', 'owner')).toEqual(['acme.org.payments']);
        const missing = only(result, 'unknown-object');
        expect(missing.location.line).toBe(5);
        expect(missing.message).toContain(`'other'`);
    });

    it('finds a sibling nested object by its simple name (lexical lookup)', async () => {
        const result = await compile(`package t
team commerce {
  person ana
  bet x { owner -> ana }
}
bet y { owner -> commerce.ana }
`);
        expect(errors(result)).toEqual([]);
        expect(targets(result, 't.commerce.x', 'owner')).toEqual(['t.commerce.ana']);
        expect(targets(result, 't.y', 'owner')).toEqual(['t.commerce.ana']);
    });

    it('prefers the nested sibling over a top-level object of the same name', async () => {
        const result = await compile(`package t
person ana
team commerce {
  person ana
  bet x { owner -> ana }
}
bet y { owner -> ana }
`);
        expect(errors(result)).toEqual([]);
        expect(targets(result, 't.commerce.x', 'owner')).toEqual(['t.commerce.ana']);
        expect(targets(result, 't.y', 'owner')).toEqual(['t.ana']);
    });

    it("the file's own package shadows an imported package", async () => {
        const result = await compile({
            'lib.pom': `package lib
team x
`,
            'app.pom': `package app
import lib
team x
bet b { owner -> x }
`,
        });
        expect(codes(result)).not.toContain('ambiguous-reference');
        expect(errors(result)).toEqual([]);
        expect(targets(result, 'app.b', 'owner')).toEqual(['app.x']);
    });

    it('standard types, enums and links need no import', async () => {
        const result = await compile(`package t
team a { topology: platform }
std.team b
bet c { owner -> a }
`);
        expect(errors(result)).toEqual([]);
        expect(object(result, 't.a').type).toBe('std.team');
        expect(object(result, 't.b').type).toBe('std.team');
        expect(object(result, 't.a').fields.topology).toBe('platform');
    });

    it('a user type named like a std type wins in its own package and leaves other packages on std', async () => {
        const result = await compile({
            'a.pom': `package t
type team extends object { crew?: number }
team x { crew: 3 }
`,
            'b.pom': `package u
team y { size: 3 }
`,
        });
        expect(codes(result)).not.toContain('ambiguous-reference');
        expect(errors(result)).toEqual([]);
        expect(object(result, 't.x').type).toBe('t.team');
        expect(object(result, 'u.y').type).toBe('std.team');
    });

    it('a user type extending a std type is usable as that type', async () => {
        const result = await compile(`package t
type experiment extends bet { sample?: number }
team a
experiment e { sample: 3 owner -> a }
`);
        expect(errors(result)).toEqual([]);
        expect(object(result, 't.e').types).toEqual(['t.experiment', 'std.bet', 'std.intent', 'std.object']);
        expect(object(result, 't.e').fields).toMatchObject({ sample: 3, status: 'proposed' });
    });
});

describe('the graph', () => {
    it('a link written under its inverse name appears once, in declared direction', async () => {
        const result = await compile(`package t
insight survey
opportunity o { informed-by -> survey { strength: high } }
`);
        expect(errors(result)).toEqual([]);
        const survey = object(result, 't.survey');
        const opportunity = object(result, 't.o');
        expect(survey.links).toHaveLength(1);
        expect(survey.links[0]).toMatchObject({ kind: 'std.informs', target: 't.o', meta: { strength: 'high' } });
        expect(survey.links[0].location).toMatchObject({ file: 'main.pom', line: 3, column: 32 });
        expect(opportunity.links).toEqual([]);
        expect(opportunity.backlinks).toHaveLength(1);
        expect(opportunity.backlinks[0]).toMatchObject({ kind: 'std.informs', inverse: 'informed-by', source: 't.survey', meta: { strength: 'high' } });
        expect(survey.backlinks).toEqual([]);
    });

    it('nested objects record the owner and scope they inherit, with where from', async () => {
        const result = await compile(`package t
team tm
team other
scope s
bet outer { owner -> tm in-scope -> s
  bet mid {
    bet inner
  }
  bet own { owner -> other }
}
`);
        expect(errors(result)).toEqual([]);
        expect(object(result, 't.outer').inherited).toEqual([]);
        const inherited = [
            { link: 'std.owner', targets: ['t.tm'], from: 't.outer' },
            { link: 'std.in-scope', targets: ['t.s'], from: 't.outer' },
        ];
        expect(object(result, 't.outer.mid').inherited).toEqual(expect.arrayContaining(inherited));
        expect(object(result, 't.outer.mid').inherited).toHaveLength(2);
        expect(object(result, 't.outer.mid.inner').inherited).toEqual(expect.arrayContaining(inherited));
        expect(object(result, 't.outer.mid').links).toEqual([]);
        // Its own owner replaces the inherited one; the scope is still inherited.
        const own = object(result, 't.outer.own');
        expect(own.links.map(l => l.target)).toEqual(['t.other']);
        expect(own.inherited).toEqual([{ link: 'std.in-scope', targets: ['t.s'], from: 't.outer' }]);
    });

    it('a field declared inherited flows to nested objects that do not set it', async () => {
        const result = await compile(`package t
type thing { inherited region?: text note?: text }
thing outer { region: "eu" note: "not inherited"
  thing mid {
    thing inner
  }
  thing own { region: "us" }
}
`);
        expect(errors(result)).toEqual([]);
        expect(object(result, 't.outer.mid').fields).toEqual({ region: 'eu' });
        expect(object(result, 't.outer.mid').inherited).toEqual([{ field: 'region', value: 'eu', from: 't.outer' }]);
        expect(object(result, 't.outer.mid.inner').inherited).toEqual([{ field: 'region', value: 'eu', from: 't.outer' }]);
        expect(object(result, 't.outer.own').fields).toEqual({ region: 'us' });
        expect(object(result, 't.outer.own').inherited).toEqual([]);
    });

    it('defaults fill unset fields and are listed in defaults', async () => {
        const result = await compile(`package t
bet b
bet c { status: active }
driver d
`);
        expect(object(result, 't.b').fields).toEqual({ status: 'proposed' });
        expect(object(result, 't.b').defaults).toEqual(['status']);
        expect(object(result, 't.c').fields).toEqual({ status: 'active' });
        expect(object(result, 't.c').defaults).toEqual([]);
        expect(object(result, 't.d').fields).toEqual({ horizon: 'years' });
        expect(object(result, 't.d').defaults).toEqual(['horizon']);
    });

    it('skips an object of unknown type, with its subtree, and builds the rest', async () => {
        const result = await compile(`package t
team a
nope b { owner -> a
  team child
}
bet c { owner -> a }
bet d { owner -> a
  bet e
}
`);
        expect(errors(result)).toEqual(["unknown-type@main.pom:3:1 Unknown type 'nope'."]);
        const ids = result.graph.objects.map(o => o.id);
        expect(ids).toEqual(['t.a', 't.c', 't.d', 't.d.e']);
        expect(targets(result, 't.c', 'owner')).toEqual(['t.a']);
        expect(object(result, 't.a').backlinks.map(b => b.source)).toEqual(['t.c', 't.d']);
        expect(object(result, 't.d').children).toEqual(['t.d.e']);
    });
});
