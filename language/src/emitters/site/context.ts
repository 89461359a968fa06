import type { ModelHistory } from './pages/history.js';
import { withoutEmbeddedFont } from '../svg/svg-renderer.js';
import type { GraphDiff } from '../../diff/diff.js';
import { GraphIndex } from '../../graph/graph-index.js';
import { horizonRank } from '../../graph/checks/helpers.js';
import type { FieldValue, GraphObject, PomGraph, TypeInfo } from '../../graph/model.js';
import { Std } from '../../graph/std-ids.js';
import { effectiveHealth, healthByData, referenceDate } from '../../graph/derived/index.js';
import { SelectorEngine } from '../../graph/selector.js';
import type { ResolvedView } from '../../views/view-model.js';
import { html, join, type Html } from './html.js';
import { isSafeUrl } from './markdown.js';
import { Paths, relativeHref } from './paths.js';
import { compareIds } from '../../util/compare.js';

/** A view's diagram as the diagram renderer draws it: SVG whose nodes link to object pages. */
export interface SiteDiagram {
    view: ResolvedView;
    svg: string;
    /** Set when the view has too many nodes to draw legibly; the page then lists the objects instead. */
    tooLarge?: boolean;
}

/**
 * Extra content other features contribute to object pages (metric series charts, changes since a revision).
 * Each section is trusted markup: an extension escapes what it takes from the model.
 */
export interface SiteExtension {
    objectSections?(object: GraphObject, page: Page): Array<{ title: string; body: Html }>;
}

export interface SiteOptions {
    /**
     * Renders the diagrams of the site's views. `link(id)` is the href of an object's page from a view page,
     * for the renderer's node links. Without it, view pages list their objects.
     */
    diagrams?: (link: (objectId: string) => string) => SiteDiagram[];
    /**
     * Lineage diagrams (views `lineage:<id>`, lineage.ts betLineageViews) drawn on their subject's page, beside the
     * lineage list. Drawn with the same node links as view diagrams: object pages are as deep as view pages.
     */
    lineageDiagrams?: SiteDiagram[];
    /** Adds the live-reload script (pom serve only). */
    liveReload?: boolean;
    extensions?: SiteExtension[];
    /** What changed since a revision (`pom build --since`): adds the changes page, its link and badges on changed objects. */
    changes?: GraphDiff;
    /** The model over time (`pom build --history`): adds the health-over-time page and a history section on object pages. */
    history?: ModelHistory;
}

/** Everything pages share: the graph index and what is derived from it once. */
export class SiteContext {
    readonly index: GraphIndex;
    readonly diagrams: SiteDiagram[];
    readonly diagramsByObject = new Map<string, SiteDiagram[]>();
    /** Each object's lineage diagram, by the object's id. */
    readonly lineageDiagrams: Map<string, SiteDiagram>;
    /** The date the model speaks for: --as-of, else its latest `as-of`. Overdue means "ended before this date, still active". */
    readonly asOf: string | undefined;

    constructor(
        readonly graph: PomGraph,
        readonly options: SiteOptions,
    ) {
        this.index = GraphIndex.of(graph);
        // Pages load the diagrams' font once, from assets/fonts.js: the SVGs they inline go without their copy.
        const fontless = (diagram: SiteDiagram): SiteDiagram => ({ ...diagram, svg: withoutEmbeddedFont(diagram.svg) });
        this.diagrams = (options.diagrams?.(id => relativeHref(Paths.view('view'), Paths.object(id))) ?? []).map(fontless);
        for (const diagram of this.diagrams) {
            for (const node of diagram.view.nodes) {
                const list = this.diagramsByObject.get(node.id) ?? [];
                list.push(diagram);
                this.diagramsByObject.set(node.id, list);
            }
        }
        this.lineageDiagrams = new Map(
            (options.lineageDiagrams ?? []).flatMap(diagram =>
                diagram.view.subject !== undefined ? [[diagram.view.subject, fontless(diagram)] as const] : [],
            ),
        );
        // The date the derived facts were judged against (--as-of included); a graph without facts: its latest as-of.
        this.asOf = referenceDate(graph, graph.asOf);
    }

    private readonly memos = new Map<string, unknown>();

    /** Computes a value once per site: sidebars, counts and other parts many pages share. */
    memo<T>(key: string, compute: () => T): T {
        if (!this.memos.has(key)) this.memos.set(key, compute());
        return this.memos.get(key) as T;
    }

    /** The selector engine over the site's graph: reports and the home page are queries run by it. */
    get engine(): SelectorEngine {
        return this.memo('engine', () => new SelectorEngine(this.index));
    }

    /** The objects a declared query answers (by id, such as std.off-track), as `pom query` answers them. */
    query(id: string): GraphObject[] {
        return this.memo(`query:${id}`, () => {
            const query = this.graph.queries.find(q => q.id === id);
            return query ? this.engine.applyClauses(query.clauses).map(objectId => this.index.get(objectId)!) : [];
        });
    }

    page(path: string): Page {
        return new Page(this, path);
    }

    title(object: GraphObject): string {
        return object.title ?? object.name;
    }

    typeTitle(typeId: string): string {
        const type = this.index.types.get(typeId);
        return type?.title ?? type?.name ?? typeId;
    }

    kindTitle(kindId: string): string {
        const kind = this.index.linkKinds.get(kindId);
        return kind?.title ?? kind?.name ?? kindId;
    }

    /** The name a link has when read from its target: `targeted by` for std.targets. */
    inverseTitle(kindId: string, inverse: string | undefined): string {
        if (inverse) return inverse.replace(/-/g, ' ');
        return `${this.kindTitle(kindId)} (from)`;
    }

    /** Types with objects (their own or their subtypes') have a page, except the root type every object has. */
    hasTypePage(typeId: string): boolean {
        return typeId !== Std.object && this.index.ofType(typeId).length > 0;
    }

    horizonRank(object: GraphObject): number | undefined {
        return horizonRank(this.index, object);
    }

    horizonNames(): string[] {
        return this.index.enums.get(Std.horizon)?.members.map(m => m.name) ?? [];
    }

    /** The type and its supertypes, most specific first. */
    typeChain(typeId: string): TypeInfo[] {
        const chain: TypeInfo[] = [];
        for (let type = this.index.types.get(typeId); type && !chain.includes(type); type = type.extends ? this.index.types.get(type.extends) : undefined) {
            chain.push(type);
        }
        return chain;
    }
}

/** One page being written: makes hrefs relative to it. */
export class Page {
    constructor(
        readonly site: SiteContext,
        readonly path: string,
    ) {}

    href(to: string): string {
        return relativeHref(this.path, to);
    }

    /** A link to an object's page, or the bare id when the object is not in the graph. */
    link(id: string, options: { withType?: boolean } = {}): Html {
        const object = this.site.index.get(id);
        if (!object) return html`<code>${id}</code>`;
        const type = options.withType ? html` <span class="type-tag">${this.site.typeTitle(object.type)}</span>` : '';
        return html`<a href="${this.href(Paths.object(id))}" title="${id}">${this.site.title(object)}</a>${type}`;
    }

    /** A link to a type's page; std.object (every object) has none. */
    typeLink(typeId: string): Html {
        if (!this.site.hasTypePage(typeId)) return html`<span class="type-tag">${this.site.typeTitle(typeId)}</span>`;
        return html`<a class="type-tag" href="${this.href(Paths.type(typeId))}">${this.site.typeTitle(typeId)}</a>`;
    }

    value(value: FieldValue, field?: string): Html {
        if (Array.isArray(value))
            return join(
                value.map(v => this.value(v, field)),
                ', ',
            );
        if (field === 'health' && typeof value === 'string') return healthBadge(value);
        if (field === 'url' && typeof value === 'string' && /^https?:/i.test(value) && isSafeUrl(value)) {
            return html`<a href="${value}" rel="noopener noreferrer">${value}</a>`;
        }
        if (typeof value === 'boolean') return html`${value ? 'yes' : 'no'}`;
        return html`${String(value)}`;
    }

    meta(meta: Record<string, unknown>): Html {
        const entries = Object.entries(meta).sort(([a], [b]) => compareIds(a, b));
        if (entries.length === 0) return html``;
        return html`<span class="meta">${join(
            entries.map(([k, v]) => html`<span class="meta-item"><span class="meta-key">${k}</span> ${this.value(v as FieldValue, k)}</span>`),
            ' ',
        )}</span>`;
    }
}

const HEALTH_LABELS: Record<string, string> = { 'on-track': 'on track', 'at-risk': 'at risk', 'off-track': 'off track', unknown: 'unknown' };

export function healthBadge(health: string | undefined): Html {
    if (!health) return html``;
    const known = health in HEALTH_LABELS ? health : 'unknown';
    return html`<span class="badge health-${known}">${HEALTH_LABELS[health] ?? health}</span>`;
}

/**
 * An object's effective health (the derived fact): its declared health, or what its metric data says when that is
 * worse, marked `by data` then so the reader knows why it differs from the source.
 */
export function objectHealthBadge(object: GraphObject): Html {
    const health = effectiveHealth(object);
    if (!health) return html``;
    return html`${healthBadge(health)}${healthByData(object) ? html` <span class="badge data-tag" title="What the metric data says; the declared health is ${typeof object.fields.health === 'string' ? object.fields.health : 'not set'}">by data</span>` : ''}`;
}

export function statusBadge(status: unknown): Html {
    return typeof status === 'string' ? html`<span class="badge status">${status}</span>` : html``;
}

export function plural(count: number, word: string, many = `${word}s`): string {
    return `${count} ${count === 1 ? word : many}`;
}
