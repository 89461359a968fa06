// Diagrams: built-in and declared views laid out by ELK and drawn as SVG. The public surface for the CLI, the site
// and the editor.
export { renderDiagram, renderDiagrams, UnknownViewError, type DiagramOptions, type DiagramResult } from './render-diagram.js';
export { escapeXml, type FontSource, type SvgOptions } from './svg-renderer.js';
export { ElkPool } from '../../layout/elk-pool.js';
export { DEFAULT_LAYOUT_TIMEOUT_MS, DEFAULT_MAX_NODES, type LaidOutView, type TooLarge } from '../../layout/layout-view.js';
export { DIAGRAM_FONT_FAMILY, diagramFontFiles, type DiagramFontFiles } from '../../layout/text-measure.js';
export { resolveView, resolveViews, viewIds, LINEAGE_VIEW_PREFIX, STRATEGY_VIEW_ID, TEAM_VIEW_PREFIX } from '../../views/resolve-views.js';
export { diffViews, formatViewDiff, isEmptyDiff, type ViewDiff } from '../../views/view-diff.js';
