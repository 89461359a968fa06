import wawoff from 'wawoff2';
import { readFileSync, writeFileSync } from 'node:fs';
const out = await wawoff.decompress(readFileSync('language/assets/fonts/ibm-plex-sans-latin-400-normal.woff2'));
console.log(out.length);
writeFileSync('/tmp/plex400.ttf', out);
