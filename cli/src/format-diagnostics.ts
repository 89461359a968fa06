import { isAbsolute, join, relative, sep } from 'node:path';
import {
    diagnosticCode,
    escapeControls,
    helpUri,
    REFERENCE_URL,
    RULES_ANCHOR,
    type GraphDiagnostic,
    type GraphRule,
    type Severity,
} from '../../language/src/index.js';
import { packageVersion } from './package-info.js';

export const DIAGNOSTIC_FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

/** The file as the user should see it: relative to where they ran pom, so terminals and editors can open it. */
export function userPath(root: string, file: string): string {
    if (file.startsWith('<') || isAbsolute(file)) return file;
    const path = relative(process.cwd(), join(root, file)) || file;
    return path.split(sep).join('/');
}

/** `rules`: the model's rules, whose ids are the codes of their findings (SARIF describes them). */
export function formatDiagnostics(diagnostics: GraphDiagnostic[], format: DiagnosticFormat, root: string, rules: readonly GraphRule[] = []): string {
    const located = diagnostics.map(d => ({ ...d, location: { ...d.location, file: userPath(root, d.location.file) } }));
    switch (format) {
        case 'json':
            return JSON.stringify(located, null, 2) + '\n';
        case 'github':
            return located.map(githubAnnotation).join('');
        case 'sarif':
            return JSON.stringify(sarif(located, rules), null, 2) + '\n';
        // One diagnostic per line, whatever a file name or message holds: control characters are shown as escapes.
        default:
            return located
                .map(
                    d =>
                        `${escapeControls(d.location.file)}:${d.location.line}:${d.location.column}: ${d.severity}: ${escapeControls(d.message)} [${d.code}]\n`,
                )
                .join('');
    }
}

function githubAnnotation(d: GraphDiagnostic): string {
    const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const property = (value: string) => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
    const { file, line, column, endLine, endColumn } = d.location;
    return (
        `::${level} file=${property(file)},line=${line},col=${column},endLine=${endLine},endColumn=${endColumn},` +
        `title=${property(`pom ${d.code}`)}::${escapeData(d.message)}\n`
    );
}

function escapeData(value: string): string {
    return escapeControls(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

const sarifLevel = (severity: Severity | 'off') => (severity === 'info' ? 'note' : severity === 'off' ? 'none' : severity);

/** A SARIF reportingDescriptor: what a code means, how severe it is unless settings change it, and where it is documented. */
function sarifRule(id: string, rules: readonly GraphRule[]): object {
    const info = diagnosticCode(id);
    if (info) {
        const configuration = info.configurable
            ? 'Settings can change its severity or turn it off, and `allow` can excuse an object from it.'
            : `Settings cannot change it: ${info.fixedBecause}.`;
        return {
            id,
            shortDescription: { text: info.summary },
            fullDescription: {
                text: `${info.summary} Reported as ${info.severity === 'info' ? 'an info' : `a ${info.severity}`} by default. ${configuration}`,
            },
            defaultConfiguration: { level: sarifLevel(info.severity) },
            helpUri: helpUri(info),
        };
    }
    // Otherwise the code is a rule's id: the model itself describes it.
    const rule = rules.find(r => r.id === id);
    const summary = rule?.title ? `Rule ${id}: ${rule.title}.` : `A finding of the rule ${id}.`;
    const requires = rule && rule.require.length > 0 ? ` It requires: ${rule.require.map(r => r.text).join('; ')}.` : '';
    const where = rule ? ` Declared at ${rule.location.file}:${rule.location.line}:${rule.location.column}.` : '';
    return {
        id,
        shortDescription: { text: summary },
        fullDescription: { text: `${summary}${requires}${where}` },
        defaultConfiguration: { level: sarifLevel(rule?.severity ?? 'warning') },
        helpUri: `${REFERENCE_URL}#${RULES_ANCHOR}`,
    };
}

function sarif(diagnostics: GraphDiagnostic[], modelRules: readonly GraphRule[]): object {
    const rules = [...new Set(diagnostics.map(d => d.code))].sort();
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'pom',
                        version: packageVersion(),
                        informationUri: `${REFERENCE_URL}#14-diagnostics`,
                        rules: rules.map(id => sarifRule(id, modelRules)),
                    },
                },
                results: diagnostics.map(d => ({
                    ruleId: d.code,
                    ruleIndex: rules.indexOf(d.code),
                    level: sarifLevel(d.severity),
                    message: { text: d.message },
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: { uri: d.location.file },
                                region: {
                                    startLine: d.location.line,
                                    startColumn: d.location.column,
                                    endLine: d.location.endLine,
                                    endColumn: d.location.endColumn,
                                },
                            },
                        },
                    ],
                })),
            },
        ],
    };
}

export function summary(diagnostics: GraphDiagnostic[], files: number): string {
    const count = (severity: string) => diagnostics.filter(d => d.severity === severity).length;
    const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
    if (count('info') > 0) parts.push(plural(count('info'), 'note'));
    return `${parts.join(', ')} in ${plural(files, 'file')}`;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Warns on stderr that a command answered from a model with errors: `consequence` says what that means for its
 * output (e.g. "the diagram shows what compiled"). Nothing when there are none.
 */
export function warnModelErrors(errors: number, consequence: string): void {
    if (errors > 0) process.stderr.write(`pom: warning: the model has ${errors} error${errors === 1 ? '' : 's'} (run pom check); ${consequence}\n`);
}
