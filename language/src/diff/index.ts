export { diffGraphs, isEmptyDiff, DIFF_FORMAT, DIFF_VERSION, type GraphDiff, type ObjectChange, type ObjectSummary, type FieldChange, type LinkChange, type Transition, type RenameHeuristic } from './diff.js';
export { formatDiffText, formatDiffMarkdown, diffSummary } from './format.js';
