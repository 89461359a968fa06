import { GrammarUtils, type AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { isPomObject } from '../generated/langium/ast.js';
import { qualifiedName } from '../references/names.js';
import { effectiveHealth, healthByData } from '../graph/derived/index.js';
import type { PomGraphLookup } from './graph-lookup.js';
import type { PomLspServices } from './pom-lsp-module.js';

/** After an object's header, what links to it: `targeted by 2 bets · evidenced by 1 impact`. */
export class PomInlayHintProvider extends AbstractInlayHintProvider {
    protected readonly graph: PomGraphLookup;

    constructor(services: PomLspServices) {
        super();
        this.graph = services.lsp.GraphLookup;
    }

    computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        if (!isPomObject(node)) return;
        const object = this.graph.object(qualifiedName(node));
        if (!object) return;
        const anchor = GrammarUtils.findNodeForProperty(node.$cstNode, node.title ? 'title' : 'name');
        if (!anchor) return;
        // Health the data gives, where it differs from what is written: the source alone would mislead.
        if (healthByData(object)) {
            acceptor({
                position: anchor.range.end,
                label: `● ${effectiveHealth(object)} by data`,
                paddingLeft: true,
                tooltip:
                    `The data of ${String(object.facts?.['data-metric'])} says ${effectiveHealth(object)} since ${String(object.facts?.['data-since'])}; ` +
                    `pom counts it as ${effectiveHealth(object)} everywhere (its effective-health).`,
            });
        }
        const summary = this.graph.backlinkSummary(object);
        if (!summary) return;
        acceptor({
            position: anchor.range.end,
            label: `← ${summary}`,
            paddingLeft: true,
            tooltip: `Links to ${object.id}, written here or elsewhere; find references lists them.`,
        });
    }
}
