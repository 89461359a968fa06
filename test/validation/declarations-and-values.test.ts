import { describe, expect, it } from 'vitest';
import { brief, codes, compile, errors, object, withCode } from '../helpers.js';
import { at, only } from './util.js';

describe('type-cycle', () => {
    it('fires on each type of a cycle, showing the chain', async () => {
        const result = await compile(`package t
type a extends b
type b extends a
type c extends a
`);
        // c extends into the cycle but is not part of it: reported on the members only.
        expect(at(result, 'type-cycle')).toEqual(['type-cycle@main.pom:2:16', 'type-cycle@main.pom:3:16']);
        const [a, b] = withCode(result, 'type-cycle');
        expect(a.severity).toBe('error');
        expect(a.message).toContain(`Type 'a' extends itself: a → b → a.`);
        expect(b.message).toContain(`Type 'b' extends itself: b → a → b.`);
    });

    it('fires on a type extending itself directly', async () => {
        const result = await compile(`package t
type x extends x
`);
        const d = only(result, 'type-cycle');
        expect(brief(d)).toBe('type-cycle@main.pom:2:16');
        expect(d.message).toContain('x → x');
    });

    it('does not fire on a chain without a loop', async () => {
        const result = await compile(`package t
type a extends b
type b extends c
type c
a x
`);
        expect(codes(result)).not.toContain('type-cycle');
        expect(errors(result)).toEqual([]);
        expect(object(result, 't.x').types).toEqual(['t.a', 't.b', 't.c', 'std.object']);
    });
});

describe('field-redeclared', () => {
    it("fires when a subtype changes an inherited field's type, naming the original", async () => {
        const result = await compile(`package t
type e extends team { size: text }
`);
        const d = only(result, 'field-redeclared');
        expect(brief(d)).toBe('field-redeclared@main.pom:2:29');
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`'size' is already a field of team with type number`);
        expect(d.message).toContain('not change its type');
    });

    it('fires when a subtype changes list-ness or the enum', async () => {
        const result = await compile(`package t
type g extends team { size: number[] }
type h extends team { topology?: confidence }
`);
        expect(at(result, 'field-redeclared')).toEqual(['field-redeclared@main.pom:2:29', 'field-redeclared@main.pom:3:34']);
    });

    it('fires when a subtype makes a required field optional', async () => {
        const result = await compile(`package t
type sprint extends cycle { end?: date }
`);
        const d = only(result, 'field-redeclared');
        expect(brief(d)).toBe('field-redeclared@main.pom:2:29');
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`'end' is a required field of cycle`);
        expect(d.message).toContain('give it a default instead');
    });

    it('does not fire when a subtype makes a field required or gives it a default', async () => {
        const result = await compile(`package t
type f extends team { size: number = 3 }
type h extends team { wip-limit: number topology?: topology = platform }
type sprint extends cycle { end: date = 2026-12-31 }
h x { wip-limit: 1 }
sprint s { start: 2026-01-01 }
`);
        expect(codes(result)).not.toContain('field-redeclared');
        expect(errors(result)).toEqual([]);
    });
});

describe('wrong-value-type', () => {
    it('fires on text, number, boolean and date fields given the wrong kind of value', async () => {
        const result = await compile(`package t
type z { b?: boolean }
team a { size: "3" }
team c { focus: 3 }
z d { b: 1 }
cycle e { start: "2026-01-01", end: 2026-01-02 }
`);
        expect(at(result, 'wrong-value-type')).toEqual([
            'wrong-value-type@main.pom:3:16',
            'wrong-value-type@main.pom:4:17',
            'wrong-value-type@main.pom:5:10',
            'wrong-value-type@main.pom:6:18',
        ]);
        const [num, text, bool, date] = withCode(result, 'wrong-value-type');
        expect(num.severity).toBe('error');
        expect(num.message).toBe(`'size' takes a number, such as 3 or 2.5.`);
        expect(text.message).toBe(`'focus' takes text: write it in quotes, "…".`);
        expect(bool.message).toBe(`'b' takes true or false.`);
        expect(date.message).toBe(`'start' takes a date, written YYYY-MM-DD.`);
    });

    it('fires on an enum field given a quoted member or a number, listing the members', async () => {
        const result = await compile(`package t
team a { topology: "platform" }
team b { cognitive-load: 3 }
`);
        expect(at(result, 'wrong-value-type')).toEqual(['wrong-value-type@main.pom:2:20', 'wrong-value-type@main.pom:3:26']);
        const [topology, load] = withCode(result, 'wrong-value-type');
        expect(topology.message).toContain('one of stream-aligned, platform, enabling, complicated-subsystem, functional, undefined (without quotes)');
        expect(load.message).toContain('one of low, medium, high (without quotes)');
    });

    it('fires on a bare name where text or a date is expected, with the fix', async () => {
        const result = await compile(`package t
person p { email: foo }
cycle c { start: tomorrow, end: 2026-01-01 }
`);
        expect(at(result, 'wrong-value-type')).toEqual(['wrong-value-type@main.pom:2:19', 'wrong-value-type@main.pom:3:18']);
        const [email, start] = withCode(result, 'wrong-value-type');
        expect(email.message).toContain(`'email' takes text, not a name. Quote it: "foo".`);
        expect(start.message).toContain(`'start' takes a date, not a name.`);
    });

    it('fires on lists: a single value for a list, a list for a single value, a wrong item, a nested list', async () => {
        const result = await compile(`package t
team a { channels: "x" }
team b { wip-limit: [1] }
person p { roles: ["a", 3] }
team c { tags: [["x"]] }
`);
        expect(at(result, 'wrong-value-type')).toEqual([
            'wrong-value-type@main.pom:2:20',
            'wrong-value-type@main.pom:3:21',
            'wrong-value-type@main.pom:4:25',
            'wrong-value-type@main.pom:5:17',
        ]);
        const [single, list, item, nested] = withCode(result, 'wrong-value-type');
        expect(single.message).toContain(`'channels' takes a list of text: write [ … ].`);
        expect(list.message).toContain(`'wip-limit' takes a single number, not a list.`);
        expect(item.message).toContain(`'roles' takes text`);
        expect(nested.message).toContain('not a nested list');
    });

    it('fires on link metadata and on a declared default', async () => {
        const result = await compile(`package t
type z { flag?: boolean = 3 }
team a
team b { interacts -> a { mode: "collaboration", until: 2026-01-01 } }
`);
        expect(at(result, 'wrong-value-type')).toEqual(['wrong-value-type@main.pom:2:27', 'wrong-value-type@main.pom:4:33']);
        expect(withCode(result, 'wrong-value-type')[0].message).toContain(`'flag' takes true or false.`);
        expect(withCode(result, 'wrong-value-type')[1].message).toContain(`'mode' takes one of collaboration, x-as-a-service, facilitating`);
    });

    it('does not fire on values of the declared types', async () => {
        const result = await compile(`package t
type z { b?: boolean flag?: boolean = false }
team a { size: 3, focus: "x", channels: ["#a", "#b"], wip-limit: 1, topology: platform, cognitive-load: high, tags: [] }
z d { b: true }
cycle e { start: 2026-01-01, end: 2026-01-02 }
person p { email: "p@x.org", roles: ["a", "b"] }
team b { interacts -> a { mode: collaboration, until: 2026-01-01 } }
`);
        expect(codes(result)).not.toContain('wrong-value-type');
        expect(errors(result)).toEqual([]);
        expect(object(result, 't.a').fields).toMatchObject({ size: 3, channels: ['#a', '#b'], topology: 'platform' });
    });
});

describe('invalid-date', () => {
    it('fires on 2026-02-30 and a thirteenth month', async () => {
        const result = await compile(`package t
cycle c { start: 2026-02-30, end: 2026-13-01 }
`);
        expect(at(result, 'invalid-date')).toEqual(['invalid-date@main.pom:2:18', 'invalid-date@main.pom:2:35']);
        const [feb, month] = withCode(result, 'invalid-date');
        expect(feb.severity).toBe('error');
        expect(feb.message).toBe(`'2026-02-30' is not a calendar date (YYYY-MM-DD).`);
        expect(month.message).toContain(`'2026-13-01'`);
    });

    it('fires on 29 February outside a leap year, in metadata and in defaults', async () => {
        const result = await compile(`package t
type z { d?: date = 2025-02-29 }
team a
team b { interacts -> a { mode: facilitating, until: 2026-04-31 } }
`);
        expect(at(result, 'invalid-date')).toEqual(['invalid-date@main.pom:2:21', 'invalid-date@main.pom:4:54']);
    });

    it('does not fire on real dates, including 29 February of a leap year', async () => {
        const result = await compile(`package t
cycle c { start: 2024-02-29, end: 2026-12-31 }
type z { d?: date = 2026-02-28 }
`);
        expect(codes(result)).not.toContain('invalid-date');
        expect(errors(result)).toEqual([]);
    });
});

describe('missing-field', () => {
    it('fires on an object without a required field, naming it and its type', async () => {
        const result = await compile(`package t
cycle c { start: 2026-01-01 }
`);
        const d = only(result, 'missing-field');
        expect(brief(d)).toBe('missing-field@main.pom:2:7');
        expect(d.severity).toBe('error');
        expect(d.message).toBe(`cycle 'c' needs 'end' (date): add 'end: …' to it.`);
    });

    it('fires on a required inherited field when no container sets it', async () => {
        const result = await compile(`package t
type thing { inherited region: text }
thing outer { region: "eu"
  thing inner
}
thing lone
`);
        const d = only(result, 'missing-field');
        expect(brief(d)).toBe('missing-field@main.pom:6:7');
        expect(d.message).toContain(`thing 'lone' needs 'region' (text)`);
    });

    it('does not fire when the field is set, defaulted, or inherited from a container', async () => {
        const result = await compile(`package t
type thing { inherited region: text level: number = 1 }
cycle c { start: 2026-01-01, end: 2026-02-01 }
thing outer { region: "eu"
  thing inner
}
`);
        expect(codes(result)).not.toContain('missing-field');
        expect(errors(result)).toEqual([]);
    });
});

describe('duplicate-field', () => {
    it('fires on the second setting of a field', async () => {
        const result = await compile(`package t
team a { size: 1, size: 2 }
`);
        const d = only(result, 'duplicate-field');
        expect(brief(d)).toBe('duplicate-field@main.pom:2:19');
        expect(d.severity).toBe('error');
        expect(d.message).toBe(`'size' is set twice on 'a'; keep one.`);
    });

    it('fires on a metadata key given twice', async () => {
        const result = await compile(`package t
team b
team x { interacts -> b { mode: collaboration, mode: facilitating, until: 2026-01-01 } }
`);
        const d = only(result, 'duplicate-field');
        expect(brief(d)).toBe('duplicate-field@main.pom:3:48');
        expect(d.message).toContain(`Metadata 'mode' is given twice`);
    });

    it('does not fire when each field and key is given once', async () => {
        const result = await compile(`package t
team a { size: 1, focus: "x" }
team x { interacts -> a { mode: collaboration, until: 2026-01-01 } }
`);
        expect(codes(result)).not.toContain('duplicate-field');
        expect(errors(result)).toEqual([]);
    });
});
