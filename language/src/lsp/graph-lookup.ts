import { WorkspaceCache } from 'langium';
import { GraphIndex } from '../graph/graph-index.js';
import type { GraphObject, InLink } from '../graph/model.js';
import type { PomWorkspaceModel } from '../model/workspace-model.js';
import type { PomLspServices } from './pom-lsp-module.js';

/** One group of an object's backlinks: every link of one kind that points at it. */
export interface BacklinkGroup {
    kind: string;
    /** How the link reads from its target: `targeted by`, `owner of`. */
    label: string;
    /** The sources' type name when they share one (`bet`), else `object`. */
    sourceType: string;
    sources: string[];
}

/** The compiled graph of the current workspace state, indexed once per state for the editor features. */
export class PomGraphLookup {
    protected readonly model: PomWorkspaceModel;
    protected readonly cache: WorkspaceCache<'index', GraphIndex>;

    constructor(services: PomLspServices) {
        this.model = services.model.WorkspaceModel;
        this.cache = new WorkspaceCache(services.shared);
    }

    get index(): GraphIndex {
        return this.cache.get('index', () => GraphIndex.of(this.model.model.graph));
    }

    object(id: string | undefined): GraphObject | undefined {
        return id === undefined ? undefined : this.index.get(id);
    }

    /** The object's backlinks grouped by link kind, in kind order. */
    backlinkGroups(object: GraphObject): BacklinkGroup[] {
        const byKind = new Map<string, InLink[]>();
        for (const link of object.backlinks) {
            const list = byKind.get(link.kind);
            if (list) list.push(link);
            else byKind.set(link.kind, [link]);
        }
        return [...byKind].map(([kind, links]) => {
            const info = this.index.linkKinds.get(kind);
            const label = (info?.inverse ?? `${info?.name ?? kind} (from)`).replace(/-/g, ' ');
            const sources = links.map(link => link.source);
            const types = new Set(sources.map(source => this.index.get(source)?.type ?? ''));
            const only = types.size === 1 ? [...types][0] : '';
            const sourceType = only ? (this.index.types.get(only)?.name ?? only) : 'object';
            return { kind, label, sourceType, sources };
        });
    }

    /** `targeted by 2 bets`, a middle dot, `owner of 1 scope`, or undefined for an object nothing links to. */
    backlinkSummary(object: GraphObject): string | undefined {
        const groups = this.backlinkGroups(object);
        if (groups.length === 0) return undefined;
        return groups.map(group => `${group.label} ${count(group.sources.length, group.sourceType)}`).join(' · ');
    }
}

/** `1 bet`, `3 bets`, `2 opportunities`. */
export function count(n: number, noun: string): string {
    return `${n} ${n === 1 ? noun : plural(noun)}`;
}

function plural(noun: string): string {
    if (/[^aeiou]y$/.test(noun)) return noun.slice(0, -1) + 'ies';
    if (/(s|x|ch|sh)$/.test(noun)) return noun + 'es';
    return noun + 's';
}
