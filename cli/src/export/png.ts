// PNG from a diagram's SVG with resvg, a maintained rasteriser: styles resolved to what it reads, and the diagram's
// own font (IBM Plex Sans, shipped as woff2) decompressed to TrueType for it, so text is measured and drawn as laid out.
import { Resvg } from '@resvg/resvg-js';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wawoff2 from 'wawoff2';
import { DIAGRAM_FONT_FAMILY, diagramFontFiles, resolveSvgStyles } from '../../../language/src/render.js';

/** Renders `svg` to PNG at `scale` (2: twice the SVG's size in pixels), in the light or dark theme. */
export async function svgToPng(svg: string, options: { theme: 'light' | 'dark'; scale?: number }): Promise<{ png: Buffer; width: number; height: number }> {
    const folder = await fs.mkdtemp(join(tmpdir(), 'pom-png-'));
    try {
        const files = diagramFontFiles();
        const fontFiles = await Promise.all([files.regular, files.semibold].map(async (file, i) => {
            const ttf = join(folder, `font-${i}.ttf`);
            await fs.writeFile(ttf, await wawoff2.decompress(await fs.readFile(file)));
            return ttf;
        }));
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
