// Embeds the standard library source in a generated module, so the language (and bundles of it) carry it
// without reading files at run time.
import { readFileSync, writeFileSync } from 'node:fs';
const source = readFileSync(new URL('../src/stdlib/std.pom', import.meta.url), 'utf8');
const out = new URL('../src/generated/stdlib.ts', import.meta.url);
const text = `// Generated from language/src/stdlib/std.pom by language/scripts/embed-stdlib.mjs. Do not edit.
export const STDLIB_URI = 'pom-std:///std.pom';
export const STDLIB_SOURCE = ${JSON.stringify(source)};
`;
let previous = '';
try {
    previous = readFileSync(out, 'utf8');
} catch {
    /* first build */
}
if (previous !== text) writeFileSync(out, text);
