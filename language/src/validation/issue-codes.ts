/**
 * Every diagnostic code pom reports. Codes are stable: CI configurations, suppressions and quick fixes
 * refer to them. docs/language.md documents each one (a test keeps the two in step).
 */
export const IssueCodes = {
    // Syntax
    SyntaxError: 'syntax-error',
    // Names and references
    UnknownObject: 'unknown-object',
    UnknownType: 'unknown-type',
    UnknownLink: 'unknown-link',
    UnknownField: 'unknown-field',
    UnknownEnumMember: 'unknown-enum-member',
    UnknownImport: 'unknown-import',
    AmbiguousReference: 'ambiguous-reference',
    DuplicateId: 'duplicate-id',
    DuplicateDeclaration: 'duplicate-declaration',
    ReservedPackage: 'reserved-package',
    // Declarations
    TypeCycle: 'type-cycle',
    FieldRedeclared: 'field-redeclared',
    // Values
    WrongValueType: 'wrong-value-type',
    InvalidDate: 'invalid-date',
    MissingField: 'missing-field',
    DuplicateField: 'duplicate-field',
    // Links
    LinkNotAllowed: 'link-not-allowed',
    MissingMetadata: 'missing-metadata',
    DuplicateLink: 'duplicate-link',
    SelfLink: 'self-link',
    TooManyTargets: 'too-many-targets',
    TooManySources: 'too-many-sources',
    Cycle: 'cycle',
    HorizonInversion: 'horizon-inversion',
    // Domain warnings (../shared/domain.md part B)
    BetWithoutTarget: 'bet-without-target',
    BetWithoutOption: 'bet-without-option',
    OptionWithoutOpportunity: 'option-without-opportunity',
    RejectedWithoutRationale: 'rejected-without-rationale',
    OrphanOpportunity: 'orphan-opportunity',
    InputDrivesNothing: 'input-drives-nothing',
    DriverWithoutInputs: 'driver-without-inputs',
    MissingMetric: 'missing-metric',
    MetricWithoutSource: 'metric-without-source',
    ImpactWithoutBet: 'impact-without-bet',
    DoneBetWithoutImpact: 'done-bet-without-impact',
    NoPathToStrategy: 'no-path-to-strategy',
    SpanExceedsHorizon: 'span-exceeds-horizon',
    WipLimitExceeded: 'wip-limit-exceeded',
    TeamWithoutScope: 'team-without-scope',
    ScopeWithoutOwner: 'scope-without-owner',
    PlatformWithoutConsumers: 'platform-without-consumers',
    OpenEndedCollaboration: 'open-ended-collaboration',
    TooManyScopes: 'too-many-scopes',
    OverAllocated: 'over-allocated',
    OwnerOutsideScope: 'owner-outside-scope',
    BlockedByOverloadedTeam: 'blocked-by-overloaded-team',
    Unfunded: 'unfunded',
    FundingOverAllocated: 'funding-over-allocated',
    // Views, rules, queries and settings
    UnknownView: 'unknown-view',
    ViewCycle: 'view-cycle',
    EmptyView: 'empty-view',
    InvalidSelector: 'invalid-selector',
    IncompleteRule: 'incomplete-rule',
    UnknownCode: 'unknown-code',
    ConflictingSetting: 'conflicting-setting',
    CannotSuppress: 'cannot-suppress',
    UnusedSuppression: 'unused-suppression',
    // The compiler itself
    InternalError: 'internal-error',
    FileNotRead: 'file-not-read',
    // pom fmt --check (docs/formatting.md)
    Unformatted: 'unformatted',
    // Metrics from data files (docs/metrics.md)
    MetricDataMissing: 'metric-data-missing',
    MetricDataSyntax: 'metric-data-syntax',
    MetricDataEmpty: 'metric-data-empty',
    MetricMissingColumn: 'metric-missing-column',
    MetricBadDate: 'metric-bad-date',
    MetricBadNumber: 'metric-bad-number',
    MetricDuplicateDate: 'metric-duplicate-date',
    HealthContradicted: 'health-contradicted',
    HealthFromData: 'health-from-data',
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];
