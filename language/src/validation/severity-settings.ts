import { AstUtils, CstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { isPomObject, isSettingsDecl, isSuppression, type PomFile, type PomObject, type Suppression } from '../generated/langium/ast.js';
import type { GraphDiagnostic, PomGraph, Severity } from '../graph/model.js';
import { qualifiedName } from '../references/names.js';
import { closest } from '../util/suggest.js';
import { DIAGNOSTIC_CODES, diagnosticCode, IssueCodes, isConfigurable } from '../diagnostics/codes.js';
import { settledSeverity } from '../diagnostics/settings.js';

const builtInCodes = DIAGNOSTIC_CODES.map(info => info.code);

const lspSeverity = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const graphSeverity = (severity: DiagnosticSeverity | undefined): Severity =>
    severity === DiagnosticSeverity.Error ? 'error' : severity === DiagnosticSeverity.Warning ? 'warning' : 'info';

/**
 * Applies the workspace's `settings` (a code's severity changed, or turned off) and objects' `allow … because`
 * exceptions to one document's diagnostics, and reports settings and exceptions that cannot apply. What can be
 * configured is the registry's word (diagnostics/codes.ts): errors of the model cannot be lowered or excused;
 * warnings, rule findings and problems in metric data can.
 */
export function applySettings(
    document: LangiumDocument,
    diagnostics: Diagnostic[],
    graph: PomGraph,
    modelDiagnostics: () => readonly GraphDiagnostic[],
): Diagnostic[] {
    const root = document.parseResult.value as PomFile;
    const ruleIds = new Set(graph.rules.map(rule => rule.id));
    const known = (code: string) => diagnosticCode(code) !== undefined || ruleIds.has(code);
    // A rule with nothing to check (its names do not resolve: reported there) reports nothing; its exceptions stay.
    const notRun = new Set(graph.rules.filter(rule => rule.for.length === 0 || rule.require.length === 0).map(rule => rule.id));
    const used = new Set<string>();
    let objects: Map<string, PomGraph['objects'][number]> | undefined;
    const allowOf = (id: string) => (objects ??= new Map(graph.objects.filter(o => o.allow).map(o => [o.id, o]))).get(id)?.allow;
    const result: Diagnostic[] = [];
    const settle = (diagnostic: Diagnostic, excused: boolean) => {
        const severity = settledSeverity(String(diagnostic.code ?? ''), graphSeverity(diagnostic.severity), graph.settings, excused);
        if (severity === undefined) return;
        diagnostic.severity = lspSeverity[severity];
        result.push(diagnostic);
    };

    for (const diagnostic of diagnostics) {
        const code = String(diagnostic.code ?? '');
        if (!isConfigurable(code)) {
            result.push(diagnostic);
            continue;
        }
        const data = (diagnostic.data ?? {}) as Record<string, unknown>;
        let objectId = typeof data.object === 'string' ? data.object : undefined;
        if (!objectId) {
            const around = objectOf(document, diagnostic);
            objectId = around && qualifiedName(around);
            if (objectId) diagnostic.data = { ...data, object: objectId };
        }
        const excused = objectId !== undefined && (allowOf(objectId)?.some(a => a.code === code) ?? false);
        if (excused) used.add(`${objectId}|${code}`);
        settle(diagnostic, excused);
    }

    // Problems with the settings and exceptions themselves: settings apply to them too (`unknown-code: off`).
    const report = (message: string, node: Suppression | PomFile['elements'][number], code: string) => {
        const cst = node.$cstNode;
        const range = (cst && (GrammarUtils.findNodeForProperty(cst, 'code') ?? cst).range) ?? {
            start: { line: 0, character: 0 },
            end: { line: 0, character: 0 },
        };
        const severity = diagnosticCode(code)!.severity;
        settle({ severity: lspSeverity[severity], message, range, code, source: 'pom' }, false);
    };
    const suggest = (code: string) => {
        const guess = closest(code, [...builtInCodes, ...ruleIds]);
        return guess ? ` Did you mean '${guess}'?` : ' See docs/language.md for the codes, or name a rule by its id.';
    };

    for (const element of root.elements) {
        if (!isSettingsDecl(element)) continue;
        for (const entry of element.entries) {
            if (!entry.code) continue;
            const fixed = diagnosticCode(entry.code)?.fixedBecause;
            if (!known(entry.code)) report(`Unknown diagnostic code '${entry.code}'.${suggest(entry.code)}`, entry as never, IssueCodes.UnknownCode);
            else if (fixed) {
                report(`The severity of '${entry.code}' cannot be changed: ${fixed}. Remove this setting.`, entry as never, IssueCodes.CannotSuppress);
            }
        }
    }
    for (const node of suppressions(root)) {
        if (!node.code) continue;
        const fixed = diagnosticCode(node.code)?.fixedBecause;
        if (!known(node.code)) {
            report(`Unknown diagnostic code '${node.code}'.${suggest(node.code)}`, node, IssueCodes.UnknownCode);
        } else if (fixed) {
            report(`'${node.code}' cannot be excused: ${fixed}. Remove this exception.`, node, IssueCodes.CannotSuppress);
        } else if (!notRun.has(node.code) && !isUsed(node, used, modelDiagnostics)) {
            report(`Nothing here reports '${node.code}' any more: remove this exception.`, node, IssueCodes.UnusedSuppression);
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
        if (isSuppression(node)) {
            found.push(node);
            continue;
        }
        for (let i = node.members.length - 1; i >= 0; i--) {
            const member = node.members[i];
            if (isSuppression(member) || isPomObject(member)) stack.push(member);
        }
    }
    return found;
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
