// The language's public entry point: compile a workspace, the graph and its questions, diff, format. Front ends (the
// CLI, the MCP server) import from here or from render.ts, never deep paths. Drawing (layout, SVG, the site, exports)
// is in render.ts so that `pom check` does not load the layout engine.
export * from './pom-module.js';
export * from './compiler.js';
export * from './graph/model.js';
export { GraphIndex } from './graph/graph-index.js';
export {
    DIAGNOSTIC_CODES,
    diagnosticCode,
    helpUri,
    IssueCodes,
    isConfigurable,
    REFERENCE_URL,
    RULES_ANCHOR,
    type DiagnosticCodeInfo,
    type IssueCode,
} from './diagnostics/codes.js';
export { STDLIB_SOURCE, STDLIB_URI } from './workspace/stdlib.js';
export { canonicalJson } from './graph/json.js';
export { formatDocument, PomFormatError, INDENT } from './format/formatter.js';
export * as metrics from './metrics/index.js';
export * as diff from './diff/index.js';
export { answerFromGraph, ask, QuestionError, type Answer, type AskResult, type QueryAnswer, type LineageAnswer } from './query.js';
export {
    diffGraphs,
    diffSummary,
    formatDiffMarkdown,
    formatDiffText,
    formatHistoryText,
    objectHistory,
    type GraphDiff,
    type ObjectHistory,
    type RevisionInfo,
} from './diff/index.js';
export { parseDate } from './metrics/index.js';
export { resolveView, resolveViews, viewIds, LINEAGE_VIEW_PREFIX, STRATEGY_VIEW_ID, TEAM_VIEW_PREFIX } from './views/resolve-views.js';
export { diffViews, formatViewDiff, isEmptyDiff, type ViewDiff } from './views/view-diff.js';
export type { ResolvedView } from './views/view-model.js';
export { isTemporaryFileName, replaceFile, temporaryFileFor, writeFileAtomic } from './util/atomic-write.js';
export { closest, didYouMean } from './util/suggest.js';
export { compareIds } from './util/compare.js';
export { isInside } from './util/paths.js';
export { columnValue, groupAnswer, type AnswerGroup, type GroupedAnswer } from './graph/answer.js';
export { boundedFileName } from './util/atomic-write.js';
export { escapeControls } from './util/excerpt.js';
export { effectiveHealth } from './graph/derived/health.js';
export { dataFilePaths } from './metrics/metrics.js';
