// PNG from a diagram's SVG with resvg, a maintained rasteriser: styles resolved to what it reads, and the diagram's
// own font (IBM Plex Sans, shipped as woff2) decompressed to TrueType for it, so text is measured and drawn as laid out.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIAGRAM_FONT_FAMILY, diagramFontFiles, resolveSvgStyles } from '../../../language/src/render.js';
import { WorkspaceError } from '../../../language/src/index.js';

/**
 * The rasteriser and the font decompressor are loaded only for a PNG export: resvg is a native module, which the
 * VS Code extension's bundled CLI does not carry, and every other command must start without it.
 */
async function loadRasteriser(): Promise<{ Resvg: typeof import('@resvg/resvg-js').Resvg; decompress: (woff2: Uint8Array) => Promise<Uint8Array> }> {
    try {
        const [{ Resvg }, wawoff2] = await Promise.all([import('@resvg/resvg-js'), import('wawoff2')]);
        return { Resvg, decompress: woff2 => wawoff2.default.decompress(woff2) };
    } catch {
        throw new WorkspaceError(
            'PNG export needs the packages @resvg/resvg-js and wawoff2, which this copy of pom does not have: install pom from npm (npm install pom-lang), or export --format svg',
        );
    }
}

/** Renders `svg` to PNG at `scale` (2: twice the SVG's size in pixels), in the light or dark theme. */
export async function svgToPng(svg: string, options: { theme: 'light' | 'dark'; scale?: number }): Promise<{ png: Buffer; width: number; height: number }> {
    const { Resvg, decompress } = await loadRasteriser();
    const folder = await fs.mkdtemp(join(tmpdir(), 'pom-png-'));
    try {
        const files = diagramFontFiles();
        // One at a time, each copied at once: the decompressor returns a view of its own memory, which its next call
        // overwrites (two at once gave both files one weight: every text semibold, or now and then every text regular).
        const fontFiles: string[] = [];
        for (const [i, file] of [files.regular, files.semibold].entries()) {
            const ttf = join(folder, `font-${i}.ttf`);
            await fs.writeFile(ttf, Buffer.from(await decompress(await fs.readFile(file))));
            fontFiles.push(ttf);
        }
        const resvg = new Resvg(resolveSvgStyles(svg, options.theme), {
            font: { fontFiles, loadSystemFonts: false, defaultFontFamily: DIAGRAM_FONT_FAMILY, sansSerifFamily: DIAGRAM_FONT_FAMILY },
            fitTo: { mode: 'zoom', value: options.scale ?? 1 },
        });
        const image = resvg.render();
        return { png: image.asPng(), width: image.width, height: image.height };
    } finally {
        await fs.rm(folder, { recursive: true, force: true });
    }
}
