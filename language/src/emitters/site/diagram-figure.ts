// A diagram as pages embed it (view pages, an object's lineage): the SVG in a pan-and-zoom viewport with its
// toolbar and caption, and the CSP hashes that let the page inline the SVG's stylesheet.
import { createHash } from 'node:crypto';
import type { SiteDiagram } from './context.js';
import { html, trusted, type Html } from './html.js';
import { embeddedFontFaces } from '../svg/svg-renderer.js';
import { DIAGRAM_FONT_FAMILY } from '../../layout/text-measure.js';

/** The asset that gives pages with a diagram its font (the SVGs they inline carry none: SiteContext). */
export const FONTS_SCRIPT = 'fonts.js';

/**
 * assets/fonts.js: the diagrams' font, one file for the whole site. A script rather than a .woff2 with a CSS
 * @font-face, because browsers refuse web fonts to pages opened from file://, and the site must work from there;
 * it registers the faces with the FontFace API and keeps their CSS for the export buttons (site.js), since an
 * exported SVG or PNG has to carry its font.
 */
export function fontsScript(): string {
    return `// IBM Plex Sans (SIL Open Font License 1.1), the diagrams' font: registered once for the page, and put into
// exported diagrams by site.js.
(function () {
  var faces = ${JSON.stringify(embeddedFontFaces())};
  window.pomDiagramFontFaces = faces;
  if (!window.FontFace || !document.fonts) return;
  var pattern = /font-weight:(\\d+);src:url\\(data:font\\/woff2;base64,([^)]+)\\)/g;
  for (var match = pattern.exec(faces); match; match = pattern.exec(faces)) {
    var binary = atob(match[2]);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var face = new FontFace(${JSON.stringify(DIAGRAM_FONT_FAMILY)}, bytes.buffer, { weight: match[1], style: 'normal' });
    document.fonts.add(face);
  }
})();
`;
}

/**
 * A diagram with its toolbar (zoom, fit, export: site.js shows it), its pan-and-zoom viewport and a caption that
 * counts what it shows; `captionId` is unique on the page.
 */
export function diagramFigure(diagram: SiteDiagram, title: string, note: string, captionId = 'diagram-caption'): Html {
    return html`<figure class="diagram" aria-labelledby="${captionId}" data-name="${diagram.view.id.replace(/[^A-Za-z0-9._-]/g, '_')}">
<div class="diagram-toolbar" hidden><button type="button" data-zoom="in" aria-label="Zoom in">+</button><button type="button" data-zoom="out" aria-label="Zoom out">−</button><button type="button" data-zoom="fit">Fit</button><button type="button" data-export="svg">Export SVG</button><button type="button" data-export="png">Export PNG</button></div>
<div class="diagram-viewport" tabindex="0" role="region" aria-label="${title}: diagram (arrow keys pan, + and − zoom, 0 fits)">${trusted(diagram.svg)}</div>
<figcaption id="${captionId}">${title}: ${diagram.view.nodes.length} objects and ${diagram.view.edges.length} links. ${note}</figcaption>
</figure>`;
}

/**
 * The CSP hashes of the <style> elements in a diagram's SVG: the page allows exactly those stylesheets and no
 * other inline style. The hash is of the element's text, which in SVG is parsed like XML: entities decoded.
 */
export function styleHashes(svg: string): string[] {
    const hashes: string[] = [];
    for (const match of svg.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g)) {
        const text = match[1].replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
        hashes.push(`sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`);
    }
    return [...new Set(hashes)];
}
