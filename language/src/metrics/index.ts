export {
    applyMetrics,
    computeMetrics,
    readMetricData,
    dataFilePaths,
    dataPath,
    MAX_PROBLEMS_PER_FILE,
    type DataReader,
    type DataText,
    type MetricsOptions,
    type MetricsResult,
} from './metrics.js';
export { parseDataFile, parseCsvData, parseJsonData, parseDate, parseNumber, type DataProblem, type ParsedData, type DataColumns } from './data-file.js';
export { derive, trendOf, type TrackPlan } from './derive.js';
export { sparklineSvg, type SparklineOptions } from './sparkline.js';
