import { describe, expect, it } from 'vitest';
import { brief, codes, compile, errors, object, withCode } from '../helpers.js';
import { all, at, only } from './util.js';

describe('syntax-error', () => {
    const broken = `package t
team a {
  size 3
}
team b {
  focus: "x" "y"
}
scope c
`;

    it('reports several syntax errors in one file, each where it happens', async () => {
        const result = await compile(broken);
        const syntax = withCode(result, 'syntax-error');
        expect(syntax.every(d => d.severity === 'error')).toBe(true);
        const lines = new Set(syntax.map(d => d.location.line));
        expect([...lines].sort()).toEqual([3, 6]);
        expect(syntax.map(brief)).toContain('syntax-error@main.pom:3:3');
        expect(syntax.map(brief)).toContain('syntax-error@main.pom:6:14');
        // The message says what was expected and what was found.
        const stray = syntax.find(d => brief(d) === 'syntax-error@main.pom:6:14')!;
        expect(stray.message).toContain(`'}'`);
        expect(stray.message).toContain('"y"');
        expect(syntax.some(d => brief(d) === 'syntax-error@main.pom:3:3' && d.message.includes('size'))).toBe(true);
    });

    it('recovers: the objects around the errors still compile', async () => {
        const result = await compile(broken);
        expect(object(result, 't.a').type).toBe('std.team');
        expect(object(result, 't.b').fields).toEqual({ focus: 'x' });
        expect(object(result, 't.c').type).toBe('std.scope');
    });

    it('a syntax error in one file leaves the other files compiling cleanly', async () => {
        const result = await compile({
            'a.pom': `package t
team a { size: }
`,
            'b.pom': `package t
team b { size: 4 }
bet x { owner -> b }
`,
        });
        expect(at(result, 'syntax-error').length).toBeGreaterThan(0);
        expect(at(result, 'syntax-error').every(b => b.startsWith('syntax-error@a.pom:2:'))).toBe(true);
        expect(result.diagnostics.filter(d => d.location.file === 'b.pom')).toEqual([]);
        expect(object(result, 't.b').fields).toEqual({ size: 4 });
        expect(object(result, 't.x').links.map(l => l.target)).toEqual(['t.b']);
        expect(object(result, 't.a').type).toBe('std.team');
    });

    it('an unterminated string is a syntax error', async () => {
        const result = await compile(`package t
team a { focus: "open }
`);
        expect(at(result, 'syntax-error')[0]).toMatch(/^syntax-error@main\.pom:2:/);
        expect(withCode(result, 'syntax-error')[0].severity).toBe('error');
    });

    it('does not fire on the corrected file', async () => {
        const result = await compile(`package t
team a {
  size: 3
}
team b {
  focus: "x y"
}
scope c
`);
        expect(codes(result)).not.toContain('syntax-error');
        expect(errors(result)).toEqual([]);
    });
    it('reads a dotted name as one name, keywords as its parts too, and a dot with no name after it as an error saying how to write one', async () => {
        const result = await compile({
            'type.pom': `package type.from
team to "To" { scope sub "Sub" }
`,
            'main.pom': `package t
scope s "S" { }
team a { owns -> type.from.to, s. }
view v { include type.from.to.*, a.** }
`,
        });
        expect(
            object(result, 't.a')
                .links.map(l => l.target)
                .sort(),
        ).toEqual(['t.s', 'type.from.to']);
        // The selectors `….*` and `….**` after a dotted name resolve: the one syntax error is the stray dot.
        expect(codes(result)).toEqual(['syntax-error']);
        const [dot] = withCode(result, 'syntax-error');
        expect(brief(dot)).toBe('syntax-error@main.pom:3:33');
        expect(dot.message).toBe(
            "Unexpected '.': a dotted name has no spaces and a name after every dot (acme.strategy.checkout, or commerce.* in a selector).",
        );
    });
});

describe('unknown-object', () => {
    it('fires on a misspelt link target, suggesting the close name', async () => {
        const result = await compile(`package t
team a
bet b { owner -> aa }
`);
        const d = only(result, 'unknown-object');
        expect(brief(d)).toBe('unknown-object@main.pom:3:18');
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`Unknown object 'aa'`);
        expect(d.message).toContain(`Did you mean 'a'?`);
    });

    it('hints at full ids and imports for an object of another package', async () => {
        const result = await compile({
            'org.pom': `package acme
team payments
`,
            'bets.pom': `package app
bet x { owner -> payments }
`,
        });
        const d = only(result, 'unknown-object');
        expect(brief(d)).toBe('unknown-object@bets.pom:2:18');
        expect(d.message).toContain(`Unknown object 'payments'`);
        expect(d.message).toContain('full id or an import');
    });

    it('does not fire once the target is spelt right or written as a full id', async () => {
        const result = await compile({
            'org.pom': `package acme
team payments
`,
            'bets.pom': `package app
team a
bet x { owner -> acme.payments }
bet y { owner -> a }
`,
        });
        expect(codes(result)).not.toContain('unknown-object');
        expect(errors(result)).toEqual([]);
    });
});

describe('unknown-type', () => {
    it('fires on a misspelt object type, suggesting the standard one', async () => {
        const result = await compile(`package t
tem a
`);
        const d = only(result, 'unknown-type');
        expect(brief(d)).toBe('unknown-type@main.pom:2:1');
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`Unknown type 'tem'`);
        expect(d.message).toContain(`Did you mean 'team'?`);
    });

    it('fires on extends, on a link end and on a field enum type', async () => {
        const result = await compile(`package t
type x extends teem { f: colour }
link l from team to thingy
`);
        expect(at(result, 'unknown-type')).toEqual(['unknown-type@main.pom:2:16', 'unknown-type@main.pom:2:26', 'unknown-type@main.pom:3:21']);
        const [extend, field, end] = withCode(result, 'unknown-type');
        expect(extend.message).toContain(`Did you mean 'team'?`);
        expect(field.message).toContain(`Unknown enum 'colour'`);
        expect(end.message).toContain(`Unknown type 'thingy'`);
    });

    it('does not fire on declared types and enums', async () => {
        const result = await compile(`package t
enum colour { red green }
type x extends team { f?: colour }
link l from team to x
team a
x b { f: red }
`);
        expect(codes(result)).not.toContain('unknown-type');
        expect(errors(result)).toEqual([]);
    });
});

describe('unknown-link', () => {
    it('fires on a misspelt link kind, suggesting the right one', async () => {
        const result = await compile(`package t
team a { ownr -> a }
`);
        const d = only(result, 'unknown-link');
        expect(brief(d)).toBe('unknown-link@main.pom:2:10');
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`Unknown link kind 'ownr'`);
        expect(d.message).toContain(`Did you mean 'owner'?`);
    });

    it('does not fire on a link kind or its inverse name', async () => {
        const result = await compile(`package t
team a
bet b { owner -> a }
team c { owner-of -> b2 }
bet b2
`);
        expect(codes(result)).not.toContain('unknown-link');
        expect(errors(result)).toEqual([]);
    });
});

describe('unknown-field', () => {
    it('fires on a misspelt field, suggesting the right one', async () => {
        const result = await compile(`package t
team a { focs: "x" }
`);
        const d = only(result, 'unknown-field');
        expect(brief(d)).toBe('unknown-field@main.pom:2:10');
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`Type 'team' has no field 'focs'`);
        expect(d.message).toContain(`Did you mean 'focus'?`);
    });

    it('lists the fields when nothing is close', async () => {
        const result = await compile(`package t
scope s { team-less: "x" }
`);
        const d = only(result, 'unknown-field');
        expect(brief(d)).toBe('unknown-field@main.pom:2:11');
        expect(d.message).toContain('Its fields are: doc, tags, url, external, as-of, kind.');
    });

    it('tells a link kind written as a field to use ->', async () => {
        const result = await compile(`package t
team a
team b { owner: a }
`);
        const d = only(result, 'unknown-field');
        expect(brief(d)).toBe('unknown-field@main.pom:3:10');
        expect(d.message).toContain(`'owner' is a link kind: write 'owner -> <target>'`);
    });

    it('fires on an unknown metadata key, with a suggestion or the note that the kind has none', async () => {
        const result = await compile(`package t
team a
team b { owner -> a { since: 2026-01-01 } }
team c { interacts -> b { mode: facilitating, mod: collaboration } }
`);
        expect(at(result, 'unknown-field')).toEqual(['unknown-field@main.pom:3:23', 'unknown-field@main.pom:4:47']);
        const [owner, interacts] = withCode(result, 'unknown-field');
        expect(owner.severity).toBe('error');
        expect(owner.message).toContain(`Link 'owner' has no metadata 'since'`);
        expect(owner.message).toContain(`'owner' links carry no metadata`);
        expect(interacts.message).toContain(`Link 'interacts' has no metadata 'mod'`);
        expect(interacts.message).toContain(`Did you mean 'mode'?`);
    });

    it('does not fire on declared fields, inherited fields and metadata', async () => {
        const result = await compile(`package t
team a { focus: "x", doc: "inherited from object" }
team b { interacts -> a { mode: collaboration, until: 2026-03-01 } }
scope s { kind: domain }
`);
        expect(codes(result)).not.toContain('unknown-field');
        expect(errors(result)).toEqual([]);
    });
});

describe('unknown-enum-member', () => {
    it('fires on a misspelt member, listing the members and suggesting one', async () => {
        const result = await compile(`package t
team a { topology: stream-aligne }
`);
        const d = only(result, 'unknown-enum-member');
        expect(brief(d)).toBe('unknown-enum-member@main.pom:2:20');
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`'stream-aligne' is not a member of topology`);
        expect(d.message).toContain('stream-aligned, platform, enabling, complicated-subsystem, functional, undefined');
        expect(d.message).toContain(`Did you mean 'stream-aligned'?`);
    });

    it('fires in lists and metadata too', async () => {
        const result = await compile(`package t
enum colour { red green }
type x { cs?: colour[] }
x a { cs: [red, blu] }
team b
team c { interacts -> b { mode: colaboration } }
`);
        expect(at(result, 'unknown-enum-member')).toEqual(['unknown-enum-member@main.pom:4:17', 'unknown-enum-member@main.pom:6:33']);
        expect(withCode(result, 'unknown-enum-member')[1].message).toContain(`Did you mean 'collaboration'?`);
    });

    it('does not fire on members', async () => {
        const result = await compile(`package t
enum colour { red green }
type x { cs?: colour[] }
x a { cs: [red, green] }
team b { topology: stream-aligned owns -> s }
scope s
team c { interacts -> b { mode: collaboration, until: 2026-01-01 } }
`);
        expect(codes(result)).not.toContain('unknown-enum-member');
        expect(errors(result)).toEqual([]);
    });
});

describe('unknown-import', () => {
    const lib = `package acme
team x
`;

    it('fires on an import of nothing, suggesting the package', async () => {
        const result = await compile({
            'a.pom': lib,
            'b.pom': `package t
import acm
import acme.y
`,
        });
        expect(at(result, 'unknown-import')).toEqual(['unknown-import@b.pom:2:8', 'unknown-import@b.pom:3:8']);
        const [pkg, obj] = withCode(result, 'unknown-import');
        expect(pkg.severity).toBe('error');
        expect(pkg.message).toContain(`No package or object 'acm' to import`);
        expect(pkg.message).toContain(`Did you mean 'acme'?`);
        expect(obj.message).toContain(`'acme.y'`);
    });

    it('does not fire on a package, an object, or a std declaration', async () => {
        const result = await compile({
            'a.pom': lib,
            'b.pom': `package t
import acme
import acme.x
import std.team
`,
        });
        expect(codes(result)).not.toContain('unknown-import');
        expect(errors(result)).toEqual([]);
    });
});

describe('ambiguous-reference', () => {
    const packages = {
        'a.pom': `package a
team x
type widget
`,
        'b.pom': `package b
team x
type widget
`,
    };

    it('fires when two imports offer the same object, naming both candidates', async () => {
        const result = await compile({
            ...packages,
            'c.pom': `package c
import a
import b
bet y { owner -> x }
`,
        });
        const d = only(result, 'ambiguous-reference');
        expect(brief(d)).toBe('ambiguous-reference@c.pom:4:18');
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`'x' is ambiguous`);
        expect(d.message).toContain('a.x');
        expect(d.message).toContain('b.x');
        expect(d.message).toContain('full id');
    });

    it('fires on a type two imports declare', async () => {
        const result = await compile({
            ...packages,
            'c.pom': `package c
import a
import b
widget w
`,
        });
        const d = only(result, 'ambiguous-reference');
        expect(brief(d)).toBe('ambiguous-reference@c.pom:4:1');
        expect(d.message).toContain('a.widget');
        expect(d.message).toContain('b.widget');
    });

    it('does not fire on an imported type named like a std type: the import comes first', async () => {
        const result = await compile({
            'lib.pom': `package lib
type team
`,
            'app.pom': `package app
import lib
team x
std.team y
`,
        });
        expect(codes(result)).not.toContain('ambiguous-reference');
        expect(errors(result)).toEqual([]);
        expect(object(result, 'app.x').type).toBe('lib.team');
        expect(object(result, 'app.y').type).toBe('std.team');
    });

    it('does not fire with a full id, or when only one object is imported', async () => {
        const result = await compile({
            ...packages,
            'c.pom': `package c
import a
import b
bet y { owner -> a.x }
a.widget w
`,
            'd.pom': `package d
import a.x
import b.widget
bet z { owner -> x }
widget v
`,
        });
        expect(codes(result)).not.toContain('ambiguous-reference');
        expect(errors(result)).toEqual([]);
        expect(object(result, 'd.z').links.map(l => l.target)).toEqual(['a.x']);
        expect(object(result, 'd.v').type).toBe('b.widget');
    });
});

describe('duplicate-id', () => {
    it('fires at both places, each pointing at the other file:line:col', async () => {
        const result = await compile({
            'a.pom': `package t
team x
`,
            'b.pom': `package t

scope x
`,
        });
        expect(at(result, 'duplicate-id')).toEqual(['duplicate-id@a.pom:2:6', 'duplicate-id@b.pom:3:7']);
        const [first, second] = withCode(result, 'duplicate-id');
        expect(first.severity).toBe('error');
        expect(first.message).toContain(`Duplicate id 't.x'`);
        expect(first.message).toContain('also defined at b.pom:3:7');
        expect(second.message).toContain('also defined at a.pom:2:6');
        expect(first.message).toContain('Rename one of them');
    });

    it('fires on two types with one id, and keeps the first in the graph', async () => {
        const result = await compile(`package t
type thing
enum e { a }
type thing { f?: text }
`);
        expect(at(result, 'duplicate-id')).toEqual(['duplicate-id@main.pom:2:6', 'duplicate-id@main.pom:4:6']);
        expect(result.graph.types.filter(t => t.id === 't.thing')).toHaveLength(1);
    });

    it('does not fire on the same name in different packages, nested, or in another namespace', async () => {
        const result = await compile({
            'a.pom': `package t
team x
scope s { team x }
type x
`,
            'b.pom': `package u
team x
`,
        });
        expect(codes(result)).not.toContain('duplicate-id');
        expect(errors(result)).toEqual([]);
    });
});

describe('duplicate-declaration', () => {
    it('fires on a member, a field and a metadata field declared twice', async () => {
        const result = await compile(`package t
enum e { a b a }
type q { f: text f: number }
link l from team to team { w?: text w?: number }
`);
        expect(at(result, 'duplicate-declaration')).toEqual([
            'duplicate-declaration@main.pom:2:14',
            'duplicate-declaration@main.pom:3:18',
            'duplicate-declaration@main.pom:4:37',
        ]);
        const [member, field, meta] = withCode(result, 'duplicate-declaration');
        expect(member.severity).toBe('error');
        expect(member.message).toContain(`The member 'a' is declared twice`);
        expect(field.message).toContain(`The field 'f' is declared twice`);
        expect(meta.message).toContain(`The metadata field 'w' is declared twice`);
    });

    it('fires on a second inverse, naming the first', async () => {
        const result = await compile(`package t
link l from team to team { inverse m inverse n }
`);
        const d = only(result, 'duplicate-declaration');
        expect(brief(d)).toBe('duplicate-declaration@main.pom:2:46');
        expect(d.message).toContain(`'l' already has 'm'`);
    });

    it('fires on an inverse named like its link', async () => {
        const result = await compile(`package t
link k from team to team { inverse k }
`);
        const d = only(result, 'duplicate-declaration');
        expect(brief(d)).toBe('duplicate-declaration@main.pom:2:36');
        expect(d.message).toContain(`The inverse name must differ from the link's name 'k'`);
    });

    it('does not fire on distinct names', async () => {
        const result = await compile(`package t
enum e { a b c }
type q { f: text g: number }
link l from team to team { inverse m w?: text v?: number }
`);
        expect(codes(result)).not.toContain('duplicate-declaration');
        expect(errors(result)).toEqual([]);
    });
});

describe('reserved-package', () => {
    it('fires on package std and packages under it', async () => {
        const result = await compile({
            'a.pom': `package std
team a
`,
            'b.pom': `package std.extra
team b
`,
        });
        expect(at(result, 'reserved-package')).toEqual(['reserved-package@a.pom:1:9', 'reserved-package@b.pom:1:9']);
        const d = withCode(result, 'reserved-package')[0];
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`The package 'std' is the standard library's`);
        expect(d.message).toContain('choose another package name');
    });

    it('does not fire on a package that merely starts with the letters std', async () => {
        const result = await compile(`package stdlib
team a
`);
        expect(codes(result)).not.toContain('reserved-package');
        expect(all(result)).toEqual([]);
    });
});
