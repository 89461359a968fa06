import { expect } from 'vitest';
import type { CompileResult } from '../../language/src/compiler.js';
import type { GraphDiagnostic } from '../../language/src/graph/model.js';
import { brief, withCode } from '../helpers.js';

/** The one diagnostic with `code`; fails, listing what was found, if there is not exactly one. */
export function only(result: CompileResult, code: string): GraphDiagnostic {
    const found = withCode(result, code);
    expect(
        found.map(d => `${brief(d)} ${d.message}`),
        `expected exactly one '${code}'`,
    ).toHaveLength(1);
    return found[0];
}

/** `code@file:line:col` of every diagnostic with `code`, in report order. */
export function at(result: CompileResult, code: string): string[] {
    return withCode(result, code).map(brief);
}

/** Every diagnostic, as `severity code@file:line:col message`, for readable failure output. */
export function all(result: CompileResult): string[] {
    return result.diagnostics.map(d => `${d.severity} ${brief(d)} ${d.message}`);
}
