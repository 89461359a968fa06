export {
    diffGraphs,
    isEmptyDiff,
    DIFF_FORMAT,
    DIFF_VERSION,
    type GraphDiff,
    type ObjectChange,
    type ObjectSummary,
    type FieldChange,
    type LinkChange,
    type Transition,
    type RenameHeuristic,
} from './diff.js';
export { formatDiffText, formatDiffMarkdown, formatHistoryText, diffSummary } from './format.js';
export { objectHistory, type ObjectHistory, type HistoryEntry, type RevisionInfo, type BacklinkChange } from './history.js';
