// The compiled operating model as plain data. No Langium here: the CLI, the language server, the site
// and the diagram emitters all consume this, and graph.json is this, serialised.

import type { Condition, Selector } from './selector.js';

export const GRAPH_FORMAT = 'pom-graph';
export const GRAPH_VERSION = 1;

/** 1-based lines and columns, as editors and compilers print them; file is relative to the workspace. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export type FieldValue = string | number | boolean | FieldValue[];

export interface OutLink {
    /** The link kind's id, such as std.targets. */
    kind: string;
    target: string;
    meta: Record<string, FieldValue>;
    /** Where the link is written: at its source, or at its target under the inverse name. */
    location: SourceLocation;
}

export interface InLink {
    kind: string;
    /** The name the link has when read from its target, such as targeted-by. */
    inverse?: string;
    source: string;
    meta: Record<string, FieldValue>;
    location: SourceLocation;
}

/** A value an object has because its container has it (owner, scope, fields declared `inherited`). */
export interface InheritedValue {
    field?: string;
    value?: FieldValue;
    link?: string;
    targets?: string[];
    /** The id of the container the value comes from. */
    from: string;
}

export interface GraphObject {
    id: string;
    name: string;
    package: string;
    /** The object's type id. */
    type: string;
    /** The type and all its supertypes, most specific first. */
    types: string[];
    title?: string;
    /** Effective values: set, defaulted and inherited. */
    fields: Record<string, FieldValue>;
    /** Fields whose value is the declaration's default. */
    defaults: string[];
    inherited: InheritedValue[];
    links: OutLink[];
    backlinks: InLink[];
    parent?: string;
    children: string[];
    /** Findings this object is excused from (`allow <code> because "…"`). */
    allow?: Suppression[];
    location: SourceLocation;
    /** A metric's observations, read from its `data` file, sorted by date. */
    series?: DataPoint[];
    /** What the data of each metric the object is measured by says, in metric id order. */
    metrics?: MetricReading[];
    /**
     * What pom derives for the object from the model and its data (effective health, delivery risk, staleness...),
     * keyed by the names selectors test them by (docs/language.md, "Derived facts"). Absent when there is none.
     */
    facts?: ObjectFacts;
}

/** Derived facts by name; the fields of std.derived-facts. */
export type ObjectFacts = Record<string, FieldValue>;

export interface Suppression {
    /** A diagnostic code or a rule's id. */
    code: string;
    reason: string;
    location: SourceLocation;
}

/** One observation of a metric: an ISO date and the value on it. */
export interface DataPoint {
    date: string;
    value: number;
}

/** What a metric's data says about an object measured by it (see docs/metrics.md). */
export interface MetricReading {
    /** The metric's id. */
    metric: string;
    unit?: string;
    /** The latest observation (on or before --as-of). */
    current: DataPoint;
    trend: 'up' | 'down' | 'flat';
    /** Which way is good. */
    direction: 'increase' | 'decrease';
    baseline?: number;
    target?: number;
    /** The window in which the target is to be reached. */
    start?: string;
    end?: string;
    /** Where a straight line from baseline to target puts the value on the current date. */
    expected?: number;
    /** Only when there is a target. */
    status?: 'on-track' | 'at-risk' | 'off-track';
    /** The date since which the status has been what it is now. */
    since?: string;
}

export interface FieldInfo {
    name: string;
    /** text, number, date, boolean, or an enum id. */
    type: string;
    list: boolean;
    required: boolean;
    inherited: boolean;
    default?: FieldValue;
    title?: string;
}

export interface TypeInfo {
    id: string;
    name: string;
    title?: string;
    extends?: string;
    /** Fields declared on this type itself; see `extends` for the rest. */
    fields: FieldInfo[];
    location: SourceLocation;
}

export interface EnumInfo {
    id: string;
    name: string;
    title?: string;
    ordered: boolean;
    members: Array<{ name: string; title?: string }>;
    location: SourceLocation;
}

export interface LinkKindInfo {
    id: string;
    name: string;
    title?: string;
    inverse?: string;
    from: string[];
    to: string[];
    single: boolean;
    exclusive: boolean;
    acyclic: boolean;
    inherited: boolean;
    /**
     * Whether the link carries strategy lineage (insight → opportunity → option → bet → input → driver):
     * `forward` from source to target, `upstream` from target to source. Lineage and `~>` paths follow these.
     */
    lineage?: 'forward' | 'upstream';
    metadata: FieldInfo[];
    location: SourceLocation;
}

export type Severity = 'error' | 'warning' | 'info';

export interface GraphDiagnostic {
    severity: Severity;
    code: string;
    message: string;
    location: SourceLocation;
    /** The object the diagnostic is about, when there is one. */
    object?: string;
}

/** The direction a view's diagram flows in: its first layer on the left (`right`), at the top (`down`), and so on. */
export type ViewDirection = 'right' | 'down' | 'left' | 'up';

/** A declared view: a named selection of objects for an audience, drawn as one diagram. */
export interface GraphView {
    id: string;
    name: string;
    package: string;
    title?: string;
    /** Who the view is for, such as exec or engineering. */
    audience?: string;
    /** The view this one refines (`extends`), by id. */
    extends?: string;
    direction: ViewDirection;
    /** The ids of the objects the view shows, sorted. */
    objects: string[];
    /** The link kinds drawn as edges, by id; every kind when absent. */
    linkKinds?: string[];
    /** What the view selects, as written (its own clauses, not those it extends). */
    clauses: Clause[];
    location: SourceLocation;
}

export interface Clause {
    mode: 'include' | 'exclude';
    selectors: Selector[];
}

/** An organisation's own policy: every object the selectors pick must satisfy each requirement. */
export interface GraphRule {
    id: string;
    name: string;
    package: string;
    title?: string;
    severity: Severity | 'off';
    message?: string;
    for: Selector[];
    /** Each requirement with its text as written, which findings quote. */
    require: Array<{ condition: Condition; text: string }>;
    location: SourceLocation;
}

/** A named question, run by `pom query <name>`. */
export interface GraphQuery {
    id: string;
    name: string;
    package: string;
    title?: string;
    clauses: Clause[];
    /** Fields shown as columns of the answer. */
    columns: string[];
    /** What the answer is grouped by (`group-by:`): a field, a link kind or a type (graph/answer.ts). */
    groupBy?: string;
    /** Number fields summed per group and overall (`sum:`). */
    sums?: string[];
    location: SourceLocation;
}

/** Workspace settings: the severity each diagnostic code is reported with, where it differs from the default. */
export interface GraphSettings {
    severities: Record<string, Severity | 'off'>;
}

export interface PomGraph {
    format: typeof GRAPH_FORMAT;
    version: typeof GRAPH_VERSION;
    files: string[];
    objects: GraphObject[];
    types: TypeInfo[];
    enums: EnumInfo[];
    linkKinds: LinkKindInfo[];
    views: GraphView[];
    rules: GraphRule[];
    queries: GraphQuery[];
    settings: GraphSettings;
    diagnostics: GraphDiagnostic[];
    /** The date the derived facts speak for (overdue, stale): --as-of, else the latest `as-of` in the model. */
    asOf?: string;
}
