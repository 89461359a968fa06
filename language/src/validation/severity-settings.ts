import { AstUtils, CstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { isPomObject, isSettingsDecl, isSuppression, type PomFile, type PomObject, type Suppression } from '../generated/langium/ast.js';
import type { GraphDiagnostic, PomGraph } from '../graph/model.js';
import { qualifiedName } from '../references/names.js';
import { closest } from '../util/suggest.js';
import { IssueCodes } from './issue-codes.js';

const builtInCodes = new Set<string>(Object.values(IssueCodes));

const levels = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/**
 * Applies the workspace's `settings` (a code's severity changed, or turned off) and objects' `allow … because`
 * exceptions to one document's diagnostics, and reports settings and exceptions that cannot apply. Errors the
 * compiler reports cannot be lowered or excused: the model would be wrong. Warnings and rule findings can.
 */
export function applySettings(document: LangiumDocument, diagnostics: Diagnostic[], graph: PomGraph, modelDiagnostics: () => readonly GraphDiagnostic[]): Diagnostic[] {
    const root = document.parseResult.value as PomFile;
    const ruleIds = new Set(graph.rules.map(rule => rule.id));
    const known = (code: string) => builtInCodes.has(code) || ruleIds.has(code);
    // A rule with nothing to check (its names do not resolve: reported there) reports nothing; its exceptions stay.
    const notRun = new Set(graph.rules.filter(rule => rule.for.length === 0 || rule.require.length === 0).map(rule => rule.id));
    const severities = graph.settings.severities;
    const used = new Set<string>();
    let objects: Map<string, PomGraph['objects'][number]> | undefined;
    const allowOf = (id: string) => (objects ??= new Map(graph.objects.filter(o => o.allow).map(o => [o.id, o]))).get(id)?.allow;
    const result: Diagnostic[] = [];
    const ownErrors = new Set<string>(); // built-in codes that are errors: never configurable

    for (const diagnostic of diagnostics) {
        const code = String(diagnostic.code ?? '');
        const isCompilerError = diagnostic.severity === DiagnosticSeverity.Error && builtInCodes.has(code);
        if (isCompilerError) { ownErrors.add(code); result.push(diagnostic); continue; }
        const data = (diagnostic.data ?? {}) as Record<string, unknown>;
        let objectId = typeof data.object === 'string' ? data.object : undefined;
        if (!objectId) {
            const around = objectOf(document, diagnostic);
            objectId = around && qualifiedName(around);
            if (objectId) diagnostic.data = { ...data, object: objectId };
        }
        if (objectId && allowOf(objectId)?.some(a => a.code === code)) { used.add(`${objectId}|${code}`); continue; }
        const level = severities[code];
        if (level === 'off') continue;
        if (level) diagnostic.severity = levels[level];
        result.push(diagnostic);
    }

    const report = (message: string, node: Suppression | PomFile['elements'][number], property: string, code: string, severity: DiagnosticSeverity) => {
        const cst = node.$cstNode;
        const range = (cst && (GrammarUtils.findNodeForProperty(cst, property) ?? cst).range) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        result.push({ severity, message, range, code, source: 'pom' });
    };
    const suggest = (code: string) => {
        const guess = closest(code, [...builtInCodes, ...ruleIds]);
        return guess ? ` Did you mean '${guess}'?` : ' See docs/language.md for the codes, or name a rule by its id.';
    };

    for (const element of root.elements) {
        if (!isSettingsDecl(element)) continue;
        for (const entry of element.entries) {
            if (!entry.code) continue;
            if (!known(entry.code)) report(`Unknown diagnostic code '${entry.code}'.${suggest(entry.code)}`, entry as never, 'code', IssueCodes.UnknownCode, DiagnosticSeverity.Warning);
            else if (isErrorCode(entry.code)) {
                report(`'${entry.code}' is an error: the model is wrong while it is reported, so its severity cannot be changed. Fix the model instead.`,
                    entry as never, 'code', IssueCodes.CannotSuppress, DiagnosticSeverity.Error);
            }
        }
    }
    for (const node of suppressions(root)) {
        if (!node.code) continue;
        if (!known(node.code)) {
            report(`Unknown diagnostic code '${node.code}'.${suggest(node.code)}`, node, 'code', IssueCodes.UnknownCode, DiagnosticSeverity.Warning);
        } else if (isErrorCode(node.code) || ownErrors.has(node.code)) {
            report(`'${node.code}' is an error and cannot be excused: fix the model instead.`, node, 'code', IssueCodes.CannotSuppress, DiagnosticSeverity.Error);
        } else if (!notRun.has(node.code) && !isUsed(node, used, modelDiagnostics)) {
            report(`Nothing here reports '${node.code}' any more: remove this exception.`, node, 'code', IssueCodes.UnusedSuppression, DiagnosticSeverity.Warning);
        }
    }
    return result;
}

/** The `allow … because` exceptions of a file, in document order: they are members of objects, at any depth. */
function suppressions(root: PomFile): Suppression[] {
    const found: Suppression[] = [];
    const stack: Array<PomObject | Suppression> = root.elements.filter(isPomObject).reverse();
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (isSuppression(node)) { found.push(node); continue; }
        for (let i = node.members.length - 1; i >= 0; i--) {
            const member = node.members[i];
            if (isSuppression(member) || isPomObject(member)) stack.push(member);
        }
    }
    return found;
}

/** Codes the compiler only ever reports as errors. */
const errorCodes = new Set<string>([
    IssueCodes.SyntaxError, IssueCodes.UnknownObject, IssueCodes.UnknownType, IssueCodes.UnknownLink, IssueCodes.UnknownField,
    IssueCodes.UnknownEnumMember, IssueCodes.UnknownImport, IssueCodes.AmbiguousReference, IssueCodes.DuplicateId,
    IssueCodes.DuplicateDeclaration, IssueCodes.ReservedPackage, IssueCodes.TypeCycle, IssueCodes.FieldRedeclared,
    IssueCodes.WrongValueType, IssueCodes.InvalidDate, IssueCodes.MissingField, IssueCodes.LinkNotAllowed,
    IssueCodes.MissingMetadata, IssueCodes.TooManyTargets, IssueCodes.TooManySources, IssueCodes.Cycle,
    IssueCodes.UnknownView, IssueCodes.ViewCycle, IssueCodes.InvalidSelector, IssueCodes.CannotSuppress, IssueCodes.InternalError,
]);

export function isErrorCode(code: string): boolean {
    return errorCodes.has(code);
}

/** Used here, or by a whole-model finding about the object reported in another file (where a link is written). */
function isUsed(node: Suppression, used: Set<string>, modelDiagnostics: () => readonly GraphDiagnostic[]): boolean {
    const object = AstUtils.getContainerOfType(node, isPomObject);
    const id = object && qualifiedName(object);
    return !!id && (used.has(`${id}|${node.code}`) || modelDiagnostics().some(d => d.object === id && d.code === node.code));
}

/** The object a diagnostic is about: the one it names, else the innermost object around its start. */
function objectOf(document: LangiumDocument, diagnostic: Diagnostic): PomObject | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(diagnostic.range.start);
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
    return leaf ? AstUtils.getContainerOfType(leaf.astNode, isPomObject) : undefined;
}

