// Text measurement in the font the SVG draws with (IBM Plex Sans, bundled under language/assets/fonts), so that
// boxes are sized from the real advance widths, kerning included, the way Chromium lays the text out.
// Characters the font lacks (Hebrew, Arabic, CJK...) fall back to a system font in the browser; for those we
// assume a generous width, so the box errs on the large side.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { assetFolder } from '../util/assets.js';

export const DIAGRAM_FONT_FAMILY = 'IBM Plex Sans';

export type FontWeight = 400 | 600;

export interface DiagramFontFiles {
    /** woff2 files by weight; serve them with `@font-face { font-family: 'IBM Plex Sans'; font-weight: <weight> }`. */
    regular: string;
    semibold: string;
    /** The SIL Open Font License the font is distributed under; ship it with the font. */
    licence: string;
}

/** The folder holding the bundled font: language/assets/fonts. */
function fontDirectory(): string {
    const found = assetFolder('fonts', 'OFL.txt');
    if (!found) throw new Error('the diagram font is missing from this installation of pom (language/assets/fonts)');
    return found;
}

/** Paths of the bundled font files, for the site to serve and for standalone SVGs to embed. */
export function diagramFontFiles(): DiagramFontFiles {
    const dir = fontDirectory();
    return {
        regular: join(dir, 'ibm-plex-sans-latin-400-normal.woff2'),
        semibold: join(dir, 'ibm-plex-sans-latin-600-normal.woff2'),
        licence: join(dir, 'OFL.txt'),
    };
}

interface LoadedFont {
    font: fontkit.Font;
    unitsPerEm: number;
    /** Advance widths of single words, in font units, memoised: labels repeat words a lot. */
    widths: Map<string, number>;
}

const fonts = new Map<FontWeight, LoadedFont>();

function load(weight: FontWeight): LoadedFont {
    let loaded = fonts.get(weight);
    if (!loaded) {
        const files = diagramFontFiles();
        const font = fontkit.create(readFileSync(weight === 600 ? files.semibold : files.regular)) as fontkit.Font;
        loaded = { font, unitsPerEm: font.unitsPerEm, widths: new Map() };
        fonts.set(weight, loaded);
    }
    return loaded;
}

/** Em widths assumed for characters the bundled font lacks: wide (CJK, emoji) and everything else. */
const FALLBACK_WIDE_EM = 1.05;
const FALLBACK_EM = 0.72;

function isWide(codePoint: number): boolean {
    return (
        (codePoint >= 0x1100 && codePoint <= 0x115f) ||
        (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
        (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
        (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
        (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
        (codePoint >= 0xff00 && codePoint <= 0xff60) ||
        (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
        (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
        (codePoint >= 0x20000 && codePoint <= 0x3fffd)
    );
}

function isZeroWidth(codePoint: number): boolean {
    return (
        (codePoint >= 0x300 && codePoint <= 0x36f) ||
        (codePoint >= 0x200b && codePoint <= 0x200f) ||
        (codePoint >= 0x202a && codePoint <= 0x202e) ||
        (codePoint >= 0x2066 && codePoint <= 0x2069) ||
        codePoint === 0xfeff
    );
}

/** Width in font units of a run of text: runs the font covers are shaped (kerning), the rest estimated. */
function unitsOf(loaded: LoadedFont, text: string): number {
    const cached = loaded.widths.get(text);
    if (cached !== undefined) return cached;
    let total = 0;
    let run = '';
    const flush = (): void => {
        if (run) total += loaded.font.layout(run).advanceWidth;
        run = '';
    };
    for (const char of text) {
        const codePoint = char.codePointAt(0)!;
        if (loaded.font.hasGlyphForCodePoint(codePoint)) {
            run += char;
        } else {
            flush();
            if (!isZeroWidth(codePoint)) total += loaded.unitsPerEm * (isWide(codePoint) ? FALLBACK_WIDE_EM : FALLBACK_EM);
        }
    }
    flush();
    if (loaded.widths.size < 50_000) loaded.widths.set(text, total);
    return total;
}

/** The width in pixels of one line of text at a font size. */
export function measureText(text: string, size: number, weight: FontWeight = 400): number {
    const loaded = load(weight);
    let units = 0;
    const words = text.split(' ');
    for (const word of words) units += unitsOf(loaded, word);
    units += (words.length - 1) * unitsOf(loaded, ' ');
    return (units * size) / loaded.unitsPerEm;
}

export interface TextStyle {
    size: number;
    weight: FontWeight;
}

/**
 * Greedy line breaking at spaces; a word wider than the line is broken between characters, so a 300-character
 * word still fits. Whitespace runs collapse, as they do in SVG text. Returns at least one line.
 */
export function wrapText(text: string, maxWidth: number, style: TextStyle): string[] {
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let line = '';
    for (const word of words) {
        const candidate = line ? `${line} ${word}` : word;
        if (measureText(candidate, style.size, style.weight) <= maxWidth) {
            line = candidate;
            continue;
        }
        if (line) lines.push(line);
        if (measureText(word, style.size, style.weight) <= maxWidth) {
            line = word;
            continue;
        }
        // Break the long word by characters (code points, never inside a surrogate pair).
        let piece = '';
        for (const char of word) {
            if (piece && measureText(piece + char, style.size, style.weight) > maxWidth) {
                lines.push(piece);
                piece = '';
            }
            piece += char;
        }
        line = piece;
    }
    if (line || lines.length === 0) lines.push(line);
    return lines;
}
