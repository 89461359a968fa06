// The language's second public entry point: drawing. Diagrams (ELK layout, SVG, PNG styles, Mermaid, draw.io), the
// static site and the graph exports. Separate from index.ts so that commands that only check or query load none of it.
export * from './emitters/svg/index.js';
export {
    betLineageViews,
    buildSite,
    objectLinkFromViewPage,
    siteFileContent,
    siteFiles,
    viewLinkFromViewPage,
    type SiteDiagram,
    type SiteFile,
} from './emitters/site/index.js';
export { CONTENT_SECURITY_POLICY } from './emitters/site/layout.js';
export type { Theme } from './emitters/svg/styles.js';
export { resolveSvgStyles, svgRules } from './emitters/export/resolve-styles.js';
export { viewToDrawio, viewToMermaid } from './emitters/export/view-formats.js';
export { graphml, linksCsv, objectsCsv } from './emitters/export/graph-formats.js';
export { type ModelHistory } from './emitters/site/pages/history.js';
export { contentSecurityPolicy } from './emitters/site/layout.js';
export { styleHashes } from './emitters/site/diagram-figure.js';
