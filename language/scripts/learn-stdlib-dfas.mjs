// Also writes how each decision that one token decides chooses (chevrotain-allstar analyses the grammar for it).
// Parses the standard library and the starter workspace (what `pom init` writes: objects, fields, links and their
// metadata as a model is written) with a parser that starts with nothing learned, and writes the DFAs its lookahead
// learned into a generated module (language/src/workspace/learned-dfa.ts says why a parser can start with them).
// Runs in `npm run build` after tsc, on its output; writes the TypeScript module, and the JavaScript tsc would
// have made of it, only when they change.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { LangiumParser, EmptyFileSystem } from 'langium';

const out = new URL('../../out/language/src/', import.meta.url);
const { createPomServices } = await import(new URL('pom-module.js', out).href);
const { createPomParser } = await import(new URL('workspace/parser.js', out).href);
const { buildParserRules } = await import(new URL('workspace/parser-builder.js', out).href);
const { STDLIB_SOURCE } = await import(new URL('generated/stdlib.js', out).href);

const { learnedDfas, LEARNED_FROM, oneTokenChoices, recordLookaheads } = await import(new URL('workspace/learned-dfa.js', out).href);

const { pom } = createPomServices(EmptyFileSystem, { indexReferences: false });
const parser = createPomParser(pom, buildParserRules, new LangiumParser(pom));
const starter = new URL('../../examples/starter/', import.meta.url);
const texts = [STDLIB_SOURCE, ...LEARNED_FROM.map(name => readFileSync(new URL(name, starter), 'utf8'))];
for (const text of texts) {
    const result = parser.parse(text);
    if (result.lexerErrors.length > 0 || result.parserErrors.length > 0) {
        console.error('learn-stdlib-dfas: the standard library or the starter has syntax errors; no DFAs are learned from them.');
        process.exit(1);
    }
}
const learned = learnedDfas(parser.wrapper.lookaheadStrategy, pom.parser.Lexer.definition);
// The decisions one token decides, from a second parser whose functions are asked with every token type.
const asked = new LangiumParser(pom);
const recorded = recordLookaheads(asked.wrapper.lookaheadStrategy);
createPomParser(pom, buildParserRules, asked);
learned.oneToken = oneTokenChoices(recorded, asked.wrapper.lookaheadStrategy, pom.parser.Lexer.definition);
const data = JSON.stringify(JSON.stringify(learned));
const header = '// Generated from language/src/stdlib/std.pom and examples/starter by language/scripts/learn-stdlib-dfas.mjs (npm run build). Do not edit.\n';
write(
    new URL('../src/generated/stdlib-dfas.ts', import.meta.url),
    `${header}import type { LearnedDfas } from '../workspace/learned-dfa.js';\n\nexport const STDLIB_DFAS: LearnedDfas = JSON.parse(${data}) as LearnedDfas;\n`,
);
write(new URL('generated/stdlib-dfas.js', out), `${header}export const STDLIB_DFAS = JSON.parse(${data});\n`);

function write(file, text) {
    let previous = '';
    try {
        previous = readFileSync(file, 'utf8');
    } catch {
        mkdirSync(new URL('.', file), { recursive: true });
    }
    if (previous !== text) writeFileSync(file, text);
}
