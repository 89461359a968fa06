export * from './pom-module.js';
export * from './compiler.js';
export * from './graph/model.js';
export { GraphIndex } from './graph/graph-index.js';
export { IssueCodes, type IssueCode } from './validation/issue-codes.js';
export { STDLIB_SOURCE, STDLIB_URI } from './workspace/stdlib.js';
export { canonicalJson } from './graph/json.js';
export * as metrics from './metrics/index.js';
export * as diff from './diff/index.js';
