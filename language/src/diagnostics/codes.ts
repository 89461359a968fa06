// The registry of every diagnostic code pom reports: plain data, Langium-free. The validators' constants
// (IssueCodes), what settings may change, the docs test and the SARIF rule metadata are all derived from it.
import type { Severity } from '../graph/model.js';
import { compareIds } from '../util/compare.js';

/** One diagnostic code, as written in the registry below. */
interface CodeEntry {
    readonly code: string;
    /** The severity pom reports it with when no setting changes it. */
    readonly severity: Severity;
    /** One line: what it reports. */
    readonly summary: string;
    /** Why `settings` and `allow` cannot change it; absent when they can. */
    readonly fixed?: string;
}

/** Why an error of the model cannot be lowered or excused. */
const MODEL_IS_WRONG = 'the model is wrong while it is reported: fix the model instead';

const REGISTRY = {
    // Syntax and names
    SyntaxError: { code: 'syntax-error', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'Text the grammar cannot read.' },
    UnknownObject: { code: 'unknown-object', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A link target that names no object visible from there.' },
    UnknownType: {
        code: 'unknown-type',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: 'A type name (of an object, an extends, a link kind, a field) that names no type or enum.',
    },
    UnknownLink: {
        code: 'unknown-link',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: 'A link statement whose name is neither a link kind nor an inverse name.',
    },
    UnknownField: {
        code: 'unknown-field',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: "A field the object's type does not declare, or a metadata key the link kind does not declare.",
    },
    UnknownEnumMember: { code: 'unknown-enum-member', severity: 'error', fixed: MODEL_IS_WRONG, summary: "A value that is not a member of the field's enum." },
    UnknownImport: { code: 'unknown-import', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'An import of something that is neither a package nor an id.' },
    AmbiguousReference: {
        code: 'ambiguous-reference',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: 'A short name that matches more than one candidate.',
    },
    DuplicateId: { code: 'duplicate-id', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'Two objects or declarations with the same id.' },
    DuplicateDeclaration: {
        code: 'duplicate-declaration',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: 'A field, enum member, metadata field or inverse declared twice.',
    },
    ReservedPackage: {
        code: 'reserved-package',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: "A file declaring the standard library's package std or a package under it.",
    },
    // Declarations
    TypeCycle: { code: 'type-cycle', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A type that extends itself, directly or through other types.' },
    FieldRedeclared: {
        code: 'field-redeclared',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: 'A subtype redeclaring an inherited field with a different type.',
    },
    // Values
    WrongValueType: { code: 'wrong-value-type', severity: 'error', fixed: MODEL_IS_WRONG, summary: "A value that does not match the field's type." },
    InvalidDate: { code: 'invalid-date', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A date that is not on the calendar.' },
    MissingField: { code: 'missing-field', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'An object that does not set a required field.' },
    DuplicateField: {
        code: 'duplicate-field',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: 'A field set twice on one object, or a metadata key given twice on one link target.',
    },
    // Links
    LinkNotAllowed: {
        code: 'link-not-allowed',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: 'A link whose source or target type the link kind does not allow.',
    },
    MissingMetadata: { code: 'missing-metadata', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A link without metadata its kind requires.' },
    DuplicateLink: { code: 'duplicate-link', severity: 'warning', summary: 'The same link written twice.' },
    SelfLink: { code: 'self-link', severity: 'warning', summary: 'An object linking to itself.' },
    TooManyTargets: { code: 'too-many-targets', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A source with more than one link of a single kind.' },
    TooManySources: { code: 'too-many-sources', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A target with more than one link of an exclusive kind.' },
    Cycle: { code: 'cycle', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'Links of an acyclic kind forming a cycle.' },
    HorizonInversion: { code: 'horizon-inversion', severity: 'warning', summary: 'A nested item or a link target on the wrong horizon.' },
    // Operating-model warnings (../shared/domain.md part B)
    BetWithoutTarget: { code: 'bet-without-target', severity: 'warning', summary: 'An active bet that targets nothing.' },
    BetWithoutOption: { code: 'bet-without-option', severity: 'warning', summary: 'A decided bet that was not chosen from any option.' },
    OptionWithoutOpportunity: { code: 'option-without-opportunity', severity: 'warning', summary: 'An option considered for no opportunity.' },
    RejectedWithoutRationale: { code: 'rejected-without-rationale', severity: 'warning', summary: 'A rejected option without a rationale.' },
    OrphanOpportunity: { code: 'orphan-opportunity', severity: 'warning', summary: 'An opportunity with no insight, scope or container.' },
    InputDrivesNothing: { code: 'input-drives-nothing', severity: 'warning', summary: 'An input with no drives link.' },
    DriverWithoutInputs: { code: 'driver-without-inputs', severity: 'warning', summary: 'A driver or north star that nothing drives.' },
    MissingMetric: { code: 'missing-metric', severity: 'warning', summary: 'An input or driver with no metric.' },
    MetricWithoutSource: { code: 'metric-without-source', severity: 'warning', summary: 'A metric without a source.' },
    ImpactWithoutBet: { code: 'impact-without-bet', severity: 'warning', summary: 'An impact that evidences no bet.' },
    DoneBetWithoutImpact: { code: 'done-bet-without-impact', severity: 'warning', summary: 'A done bet that no impact evidences.' },
    NoPathToStrategy: { code: 'no-path-to-strategy', severity: 'warning', summary: 'A short-horizon intent with no path to the strategy.' },
    SpanExceedsHorizon: { code: 'span-exceeds-horizon', severity: 'warning', summary: 'An intent whose start-to-end span is longer than its horizon allows.' },
    WipLimitExceeded: { code: 'wip-limit-exceeded', severity: 'warning', summary: 'A team owning more active bets than its WIP limit.' },
    TeamWithoutScope: { code: 'team-without-scope', severity: 'warning', summary: 'A stream-aligned team that owns no scope.' },
    ScopeWithoutOwner: { code: 'scope-without-owner', severity: 'warning', summary: 'A leaf scope that no team or group owns.' },
    PlatformWithoutConsumers: { code: 'platform-without-consumers', severity: 'warning', summary: 'A platform team that no team uses.' },
    OpenEndedCollaboration: {
        code: 'open-ended-collaboration',
        severity: 'warning',
        summary: 'A collaboration between teams without an end, or longer than a quarter.',
    },
    TooManyScopes: { code: 'too-many-scopes', severity: 'warning', summary: 'A team that owns more than 5 scopes.' },
    OverAllocated: { code: 'over-allocated', severity: 'warning', summary: 'A person allocated to teams for more than 100%.' },
    OwnerOutsideScope: { code: 'owner-outside-scope', severity: 'info', summary: 'A bet owned by a team that does not own or steward its scope.' },
    BlockedByOverloadedTeam: { code: 'blocked-by-overloaded-team', severity: 'warning', summary: 'A blocking dependency on a team over its WIP limit.' },
    Unfunded: { code: 'unfunded', severity: 'warning', summary: 'A team or active bet that no funding unit reaches.' },
    FundingOverAllocated: { code: 'funding-over-allocated', severity: 'warning', summary: 'A funding unit whose shares sum to more than 100.' },
    // Views, rules, queries and settings
    UnknownView: { code: 'unknown-view', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A view that extends a view that does not exist.' },
    ViewCycle: { code: 'view-cycle', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A view that extends itself.' },
    EmptyView: { code: 'empty-view', severity: 'warning', summary: 'A view whose clauses select no objects.' },
    InvalidSelector: { code: 'invalid-selector', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A selector that cannot mean anything.' },
    IncompleteRule: { code: 'incomplete-rule', severity: 'error', fixed: MODEL_IS_WRONG, summary: 'A rule without for or without require.' },
    UnknownCode: { code: 'unknown-code', severity: 'warning', summary: 'A setting or an allow naming a code that does not exist.' },
    ConflictingSetting: { code: 'conflicting-setting', severity: 'warning', summary: 'The same code given two different severities.' },
    CannotSuppress: {
        code: 'cannot-suppress',
        severity: 'error',
        fixed: MODEL_IS_WRONG,
        summary: 'A setting or an allow for a code that cannot be configured.',
    },
    UnusedSuppression: { code: 'unused-suppression', severity: 'warning', summary: 'An allow that no longer excuses any finding.' },
    // The compiler itself
    InternalError: {
        code: 'internal-error',
        severity: 'error',
        fixed: 'it is a bug in pom, not a finding about the model: report it',
        summary: 'A bug in pom: a check failed unexpectedly.',
    },
    FileNotRead: { code: 'file-not-read', severity: 'warning', summary: 'A .pom file found but not read.' },
    Unformatted: {
        code: 'unformatted',
        severity: 'error',
        fixed: 'pom fmt --check reports it, and settings do not apply there',
        summary: 'A file not in the canonical layout (pom fmt --check).',
    },
    // Metric data (docs/metrics.md): the data, not the model, is wrong, so a team may lower these while an export is fixed.
    MetricDataMissing: { code: 'metric-data-missing', severity: 'error', summary: "A metric's data file that does not exist or cannot be read." },
    MetricDataSyntax: { code: 'metric-data-syntax', severity: 'error', summary: 'A metric data file that is not valid CSV or JSON.' },
    MetricDataEmpty: { code: 'metric-data-empty', severity: 'error', summary: 'A metric data file with no observations.' },
    MetricMissingColumn: { code: 'metric-missing-column', severity: 'error', summary: 'A metric data file without its date or value column.' },
    MetricBadDate: { code: 'metric-bad-date', severity: 'error', summary: 'A date in a metric data file that is not a calendar day in YYYY-MM-DD.' },
    MetricBadNumber: { code: 'metric-bad-number', severity: 'error', summary: 'A value in a metric data file that is not a plain number.' },
    MetricDuplicateDate: { code: 'metric-duplicate-date', severity: 'error', summary: 'Two rows of a metric data file with the same date.' },
    HealthContradicted: { code: 'health-contradicted', severity: 'warning', summary: 'A declared health that the metric data contradicts.' },
    HealthFromData: { code: 'health-from-data', severity: 'warning', summary: 'An object off track by its data alone, with no health declared.' },
} as const satisfies Record<string, CodeEntry>;

type Registry = typeof REGISTRY;

/**
 * Every diagnostic code pom reports, by constant name. Codes are stable: CI configurations, suppressions and
 * quick fixes refer to them. docs/language.md documents each one at an anchor named as the code.
 */
export const IssueCodes = Object.fromEntries(Object.entries(REGISTRY).map(([name, entry]) => [name, entry.code])) as {
    readonly [Name in keyof Registry]: Registry[Name]['code'];
};

export type IssueCode = Registry[keyof Registry]['code'];

/** A code's facts, as every front end reads them. */
export interface DiagnosticCodeInfo {
    readonly code: IssueCode;
    readonly severity: Severity;
    /** Whether `settings { severity <code>: … }` and `allow <code> because "…"` apply to it. */
    readonly configurable: boolean;
    /** Why it cannot be configured, when it cannot. */
    readonly fixedBecause?: string;
    readonly summary: string;
    /** Its anchor in docs/language.md (an explicit `<a id>` on its row of the diagnostics tables). */
    readonly anchor: string;
}

/** Every code, in code order. */
export const DIAGNOSTIC_CODES: readonly DiagnosticCodeInfo[] = Object.values(REGISTRY as Record<string, CodeEntry>)
    .map(entry => ({
        code: entry.code as IssueCode,
        severity: entry.severity,
        configurable: entry.fixed === undefined,
        ...(entry.fixed === undefined ? {} : { fixedBecause: entry.fixed }),
        summary: entry.summary,
        anchor: entry.code,
    }))
    .sort((a, b) => compareIds(a.code, b.code));

const byCode = new Map<string, DiagnosticCodeInfo>(DIAGNOSTIC_CODES.map(info => [info.code, info]));

/** The facts of a built-in code; undefined for anything else (a rule's id, a misspelling). */
export function diagnosticCode(code: string): DiagnosticCodeInfo | undefined {
    return byCode.get(code);
}

/** Whether settings and exceptions may change findings with this code: every rule's findings, and the configurable built-in codes. */
export function isConfigurable(code: string): boolean {
    return byCode.get(code)?.configurable ?? true;
}

/** The language reference, where each code is documented at its anchor. */
export const REFERENCE_URL = 'https://github.com/pom-lang/pom/blob/main/docs/language.md';

/** The anchor of the section on rules, which documents the findings of every rule (their code is the rule's id). */
export const RULES_ANCHOR = '19-rules';

/** The page (with its anchor) that documents a code. */
export function helpUri(info: DiagnosticCodeInfo): string {
    return `${REFERENCE_URL}#${info.anchor}`;
}

/** Where a diagnostic's code is documented: a built-in code at its anchor, a rule's finding at the section on rules. */
export function documentationOf(code: string, isRule: (code: string) => boolean): string | undefined {
    const info = byCode.get(code);
    if (info) return helpUri(info);
    return isRule(code) ? `${REFERENCE_URL}#${RULES_ANCHOR}` : undefined;
}
