import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSources, findPomFiles } from '../../language/src/compiler.js';
import { canonicalJson } from '../../language/src/graph/json.js';
import { EmptyFileSystem } from 'langium';
import { formatDocument, PomFormatError } from '../../language/src/format/formatter.js';
import { createPomServices } from '../../language/src/pom-module.js';
import { ACME, compile, errors } from '../helpers.js';

/**
 * The graph without source positions, which formatting moves by design, and without the source text of rule
 * conditions, kept verbatim for messages (`count( owns )` becomes `count(owns)`); the parsed condition stays.
 */
function meaning(graph: unknown): string {
    const strip = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(strip);
        if (value && typeof value === 'object') {
            return Object.fromEntries(
                Object.entries(value)
                    .filter(([key]) => key !== 'location' && !(key === 'text' && 'condition' in value))
                    .map(([key, item]) => [key, strip(item)]),
            );
        }
        return value;
    };
    return canonicalJson(strip(graph));
}

function comments(text: string): string[] {
    return [...text.matchAll(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)].map(match => match[0].trimEnd());
}

/** Input as people write it when in a hurry: every rule of the canonical style broken at least once. */
const UGLY = `// Header: stays first.
package   demo
import acme   // the vocabulary
type   experiment extends bet "Experiment" { hypothesis : text "What", sample-size ? : number, labels?: text [ ] = [ "a" , "b", ], }
enum  market "Market" {eu,uk
   us apac }
/* risks */ type risk "Risk" {
      severity: number }
link mitigates from bet , work to risk "mitigates" { inverse mitigated-by "mitigated by" single, reason?: text }
team t1 "T1" { topology: platform, }
team t2 "T2" {
        topology: platform ,   owns -> s1 , s2 ,
              s3    // wrapped on purpose
        // before the closing brace
        }
scope s1 "S1"     { kind: capability   }   // trailing after an element
scope s2 "S2"
scope s3 "S3"


// A detached comment

bet b "B" { owner -> t1 status: active doc: """
      Text block,
        indented as its author wants.
    """
  targets -> s1 { a: 1, b: 2, }
  work w "W" { status: done }
}
risk r "R" {severity: 3
  }
`;

const ACME_VOCABULARY = `package acme
type experiment-base extends bet "Base"
`;

describe('formatDocument', () => {
    it('lays out a file in the canonical style', () => {
        expect(
            formatDocument(`package demo
team   checkout "Checkout" {
      topology: stream-aligned,   owns -> payments , risk
    }
scope payments "Payments" { kind: capability, }
scope risk "Risk"
`),
        ).toBe(`package demo

team checkout "Checkout" {
  topology: stream-aligned
  owns -> payments, risk
}

scope payments "Payments" { kind: capability }
scope risk "Risk"
`);
    });

    it('puts one member per line in bodies written over several lines, and a blank line between top-level elements', () => {
        expect(
            formatDocument(`enum market "Market" {eu,uk
   us }
team t "T" { topology: platform  owns -> s }
scope s "S"
`),
        ).toBe(`enum market "Market" {
  eu
  uk
  us
}

team t "T" {
  topology: platform
  owns -> s
}

scope s "S"
`);
    });

    it('keeps a one-line body of fields on one line, separated by commas', () => {
        expect(formatDocument('cycle q1 "Q1" { start: 2026-01-01  end: 2026-03-31 }\n')).toBe('cycle q1 "Q1" { start: 2026-01-01, end: 2026-03-31 }\n');
        expect(formatDocument('enum level { low, medium, high, }\n')).toBe('enum level { low medium high }\n');
    });

    it('writes types, optional fields, lists and link metadata tightly', () => {
        const formatted = formatDocument(UGLY);
        expect(formatted).toContain('type experiment extends bet "Experiment" { hypothesis: text "What", sample-size?: number, labels?: text[] = ["a", "b"] }');
        expect(formatted).toContain('link mitigates from bet, work to risk "mitigates" { inverse mitigated-by "mitigated by", single, reason?: text }');
        expect(formatted).toContain('  targets -> s1 { a: 1, b: 2 }\n');
    });

    it('keeps every comment, in order, trailing comments on the line of their code', () => {
        const formatted = formatDocument(UGLY);
        expect(comments(formatted)).toEqual(comments(UGLY));
        expect(formatted.startsWith('// Header: stays first.\npackage demo\n')).toBe(true);
        expect(formatted).toContain('import acme   // the vocabulary\n');
        expect(formatted).toContain('scope s1 "S1" { kind: capability }   // trailing after an element\n');
        // A comment before a closing brace stays inside the body, indented with it.
        expect(formatted).toContain('  // before the closing brace\n}\n');
        // A target the author wrapped lines up under the first one.
        expect(formatted).toContain('  owns -> s1, s2,\n          s3    // wrapped on purpose\n');
        expect(formatted).toContain('\n\n// A detached comment\n\nbet b "B" {\n');
    });

    it('leaves text blocks exactly as they were', () => {
        const block = '"""\n      Text block,\n        indented as its author wants.\n    """';
        expect(formatDocument(UGLY)).toContain(`  doc: ${block}\n`);
    });

    it('is idempotent', () => {
        const once = formatDocument(UGLY);
        expect(formatDocument(once)).toBe(once);
    });

    it('never changes what a messy file means', async () => {
        const before = await compile({ 'vocabulary.pom': ACME_VOCABULARY, 'main.pom': UGLY });
        const after = await compile({ 'vocabulary.pom': ACME_VOCABULARY, 'main.pom': formatDocument(UGLY) });
        expect(after.graph.objects.length).toBeGreaterThan(5);
        expect(meaning(after.graph)).toBe(meaning(before.graph));
    });

    it('refuses a file with syntax errors, saying where they are', () => {
        let error: unknown;
        try {
            formatDocument('package demo\nteam t "T" {\n  topology: platform\n  owns ->\n}\n');
        } catch (thrown) {
            error = thrown;
        }
        expect(error).toBeInstanceOf(PomFormatError);
        expect((error as PomFormatError).errors[0].line).toBe(5);
    });

    it('formats an empty file and a file of comments', () => {
        expect(formatDocument('')).toBe('');
        expect(formatDocument('\n\n// only a comment   \n\n\n/* and another */\n\n')).toBe('// only a comment\n\n/* and another */\n');
    });
});

describe('formatDocument on examples/acme', () => {
    const root = ACME;

    it('gives every file a formatting that compiles to the same graph, and is stable', async () => {
        const files = await findPomFiles(root);
        const sources = new Map(files.map(file => [file, readFileSync(file, 'utf8')]));
        const formatted = new Map([...sources].map(([file, text]) => [file, formatDocument(text)]));
        for (const [file, text] of formatted) expect(formatDocument(text), file).toBe(text);
        const before = await compileSources(root, sources);
        const after = await compileSources(root, formatted);
        expect(errors(after)).toEqual([]);
        expect(after.graph.objects.length).toBe(before.graph.objects.length);
        expect(meaning(after.graph)).toBe(meaning(before.graph));
        for (const [file, text] of sources) expect(comments(formatted.get(file)!), file).toEqual(comments(text));
    });
});

describe('docs/formatting.md', () => {
    it('shows in "Before and after" exactly what the formatter does', () => {
        const page = readFileSync('docs/formatting.md', 'utf8');
        const section = page.slice(page.indexOf('## Before and after'));
        const [before, after] = [...section.matchAll(/```pom\n([\s\S]*?)```/g)].map(match => match[1]);
        expect(formatDocument(before)).toBe(after);
    });
});

describe('formatDocument on examples/acme with its white space scrambled', () => {
    /** A small deterministic generator, so a failure can be replayed. */
    function random(seed: number): () => number {
        return () => {
            seed = (seed * 1664525 + 1013904223) % 4294967296;
            return seed / 4294967296;
        };
    }

    /** Replaces the white space between every two tokens with other white space: the same file to the parser. */
    function scramble(text: string, next: () => number): string {
        const { pom } = createPomServices(EmptyFileSystem);
        const lexed = pom.parser.Lexer.tokenize(text);
        const tokens = [...lexed.tokens, ...(lexed.hidden ?? [])].sort((a, b) => a.startOffset - b.startOffset);
        const gaps = [' ', '\n', '    ', '\n\n\n', '\t', ' \n  '];
        let result = text.slice(0, tokens[0]?.startOffset ?? 0);
        for (const [index, token] of tokens.entries()) {
            result += token.image;
            const following = tokens[index + 1];
            if (!following) break;
            const gap = text.slice(token.startOffset + token.image.length, following.startOffset);
            let replacement = gap === '' ? (next() < 0.5 ? '' : ' ') : gaps[Math.floor(next() * gaps.length)];
            if (token.image.startsWith('//') && !replacement.includes('\n')) replacement += '\n';
            result += replacement;
        }
        return result + '\n';
    }

    it.each([1, 2, 3])('formats to the same graph, keeps the comments and is stable (seed %i)', async seed => {
        const root = ACME;
        const next = random(seed);
        const files = await findPomFiles(root);
        const sources = new Map(files.map(file => [file, readFileSync(file, 'utf8')]));
        const scrambled = new Map([...sources].map(([file, text]) => [file, scramble(text, next)]));
        const formatted = new Map([...scrambled].map(([file, text]) => [file, formatDocument(text)]));
        for (const [file, text] of formatted) {
            expect(formatDocument(text), file).toBe(text);
            expect(comments(text), file).toEqual(comments(sources.get(file)!));
            expect(text, file).not.toMatch(/[ \t]$/m);
        }
        const before = await compileSources(root, sources);
        const after = await compileSources(root, formatted);
        expect(meaning(after.graph)).toBe(meaning(before.graph));
    });
});

describe('formatDocument on every example of docs/language.md', () => {
    const reference = readFileSync('docs/language.md', 'utf8');
    const blocks = [...reference.matchAll(/```pom\n([\s\S]*?)```/g)].map(match => ({
        line: reference.slice(0, match.index).split('\n').length,
        text: match[1],
    }));

    it.each(blocks.map(block => [block.line, block.text] as const))('the example at line %i keeps its meaning and is stable', async (_line, text) => {
        const formatted = formatDocument(text);
        expect(formatDocument(formatted)).toBe(formatted);
        expect(comments(formatted)).toEqual(comments(text));
        const before = await compile({ 'main.pom': text });
        const after = await compile({ 'main.pom': formatted });
        expect(meaning(after.graph)).toBe(meaning(before.graph));
    });
});

describe('formatDocument on views, rules, queries, settings and exceptions', () => {
    const messy = `package demo
team   checkout "Checkout" { topology: stream-aligned
  allow wip-limit-exceeded   because "Peak season"  owns -> payments }
scope payments "Payments" { kind: capability }
bet b "B" { status: active  owner -> checkout }
view   commerce "Commerce" { audience: exec   layout: left-to-right
  include checkout.**, payments   include bet where status = active   links: owner , owns }
rule focus { for team  require count( owns ) <= 3  message: "At most three." }
query risky { include bet where ( health in [at-risk, off-track] or depends-on -> * ) and not <~ (bet where status = killed)
columns: health , owner }
settings { severity demo.focus: info, }
`;

    it('lays them out one member per line, selectors and conditions tight', () => {
        expect(formatDocument(messy)).toBe(`package demo

team checkout "Checkout" {
  topology: stream-aligned
  allow wip-limit-exceeded because "Peak season"
  owns -> payments
}

scope payments "Payments" { kind: capability }

bet b "B" {
  status: active
  owner -> checkout
}

view commerce "Commerce" {
  audience: exec
  layout: left-to-right
  include checkout.**, payments
  include bet where status = active
  links: owner, owns
}

rule focus {
  for team
  require count(owns) <= 3
  message: "At most three."
}

query risky {
  include bet where (health in [at-risk, off-track] or depends-on -> *) and not <~ (bet where status = killed)
  columns: health, owner
}

settings { severity demo.focus: info }
`);
    });

    it('keeps their meaning', async () => {
        const formatted = formatDocument(messy);
        expect(formatDocument(formatted)).toBe(formatted);
        const before = await compile({ 'main.pom': messy });
        const after = await compile({ 'main.pom': formatted });
        expect(errors(after)).toEqual([]);
        expect(meaning(after.graph)).toBe(meaning(before.graph));
        expect(after.graph.views.length).toBe(1);
    });
});

describe('an empty body', () => {
    it('is written {} and leaves what follows at the top level', () => {
        expect(formatDocument('package x\n\ngroup a "A" {\n}\n\n// next\nteam b {\n  member-of -> a\n}\n')).toBe(
            'package x\n\ngroup a "A" {}\n\n// next\nteam b {\n  member-of -> a\n}\n',
        );
    });
});
