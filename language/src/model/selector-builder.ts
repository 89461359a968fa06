import {
    isAnd,
    isComparison,
    isCountCondition,
    isHasCondition,
    isLinkCondition,
    isLinkInverse,
    isNot,
    isOr,
    isPathCondition,
    isPomObject,
    isTypeDecl,
    type Clause as ClauseNode,
    type Condition as ConditionNode,
    type LinkDecl,
    type LinkInverse,
    type Selectable,
    type Selector as SelectorNode,
} from '../generated/langium/ast.js';
import type { Reference } from 'langium';
import type { Clause } from '../graph/model.js';
import type { Condition, Selector, SelectorHead, Target } from '../graph/selector.js';
import { qualifiedName } from '../references/names.js';
import type { PomTypeSystem } from './type-system.js';
import { toValue } from './graph-builder.js';

/**
 * Turns written selectors and conditions into their plain-data form. Tolerant like the graph builder: a
 * selector with an unresolved name becomes undefined (the linker has reported the name), a condition with one
 * becomes false, so the rest of a view or rule still works.
 */
export class SelectorBuilder {
    constructor(protected readonly types: PomTypeSystem) {}

    clauses(nodes: readonly ClauseNode[]): Clause[] {
        return nodes.map(node => ({
            mode: node.mode === 'exclude' ? ('exclude' as const) : ('include' as const),
            selectors: this.selectors(node.selectors),
        }));
    }

    /**
     * In `include bet, input where health = off-track` the condition reads as applying to the whole list: a
     * `where` on the last selector applies to the plain selectors before it too.
     */
    selectors(nodes: readonly SelectorNode[]): Selector[] {
        const selectors = nodes.map(node => this.selector(node));
        const last = selectors[selectors.length - 1];
        if (last?.where && sharesCondition(nodes)) {
            for (const selector of selectors.slice(0, -1)) if (selector) selector.where = last.where;
        }
        return selectors.filter((s): s is Selector => s !== undefined);
    }

    selector(node: SelectorNode): Selector | undefined {
        let head: SelectorHead;
        if (node.all) head = { kind: 'all' };
        else {
            const ref = node.head?.ref;
            const id = ref && qualifiedName(ref);
            if (!ref || !id) return undefined;
            if (isTypeDecl(ref)) {
                if (node.containment) return undefined; // reported: containment needs an object
                head = { kind: 'type', type: id };
            } else {
                head = { kind: 'object', object: id };
                if (node.containment) head.containment = node.containment === '.**' ? 'descendants' : 'children';
            }
        }
        const selector: Selector = { head };
        if (node.around) {
            const around = node.around.ref && qualifiedName(node.around.ref);
            if (!around) return undefined;
            selector.around = { object: around, depth: node.depth ?? 1 };
            if (node.via) {
                const via = node.via.kinds.map(kind => this.linkKind(kind.ref)?.id);
                if (via.some(v => v === undefined)) return undefined;
                selector.around.via = via as string[];
            }
        }
        if (node.reaches) {
            const target = this.target(false, node.reaches, undefined);
            if (!target) return undefined;
            selector.reaches = target;
        }
        if (node.condition) selector.where = this.condition(node.condition);
        return selector;
    }

    condition(node: ConditionNode): Condition {
        const never: Condition = { kind: 'or', operands: [] };
        if (isOr(node) || isAnd(node)) {
            const kind = isOr(node) ? ('or' as const) : ('and' as const);
            const same = isOr(node) ? isOr : isAnd;
            // `a or b or c` parses as ((a or b) or c): walk down the left side in a loop, not by recursion (a
            // chain of thousands of terms), and flatten it into one list.
            const rights: (ConditionNode | undefined)[] = [];
            let left: ConditionNode | undefined = node;
            while (left && same(left)) {
                rights.push(left.right);
                left = left.left;
            }
            const operands: Condition[] = [];
            const add = (operand: ConditionNode | undefined) => {
                const condition = operand ? this.condition(operand) : never;
                if (condition.kind === kind) for (const inner of condition.operands) operands.push(inner);
                else operands.push(condition);
            };
            add(left);
            for (let i = rights.length - 1; i >= 0; i--) add(rights[i]);
            return { kind, operands };
        }
        if (isNot(node)) return { kind: 'not', operand: node.operand ? this.condition(node.operand) : never };
        if (isHasCondition(node)) {
            const field = node.field?.ref?.name;
            return field ? { kind: 'has', field } : never;
        }
        if (isComparison(node)) {
            const field = node.field?.ref?.name;
            const value = toValue(node.value);
            if (!field || value === undefined || !node.operator) return never;
            return { kind: 'compare', field, operator: node.operator, value };
        }
        if (isLinkCondition(node)) {
            const kind = this.linkKind(node.kind?.ref);
            const target = this.target(node.all, node.target, node.nested);
            if (!kind || !target) return never;
            return { kind: 'link', link: kind.id, inverse: kind.inverse, transitive: node.operator === '~>', target };
        }
        if (isPathCondition(node)) {
            const target = this.target(node.all, node.target, node.nested);
            if (!target) return never;
            return node.operator === '<~' ? { kind: 'reaches', target, from: true } : { kind: 'reaches', target };
        }
        if (isCountCondition(node)) {
            const kind = this.linkKind(node.kind?.ref);
            if (!kind || !node.operator) return never;
            const condition: Condition = {
                kind: 'count',
                link: kind.id,
                inverse: kind.inverse,
                operator: node.operator,
                value: node.value ?? 0,
            };
            if (node.all || node.target || node.nested) {
                const target = this.target(node.all, node.target, node.nested);
                if (!target) return never;
                condition.target = target;
            }
            return condition;
        }
        return never;
    }

    protected target(all: boolean, ref: Reference<Selectable> | undefined, nested: SelectorNode | undefined): Target | undefined {
        if (all) return { kind: 'any' };
        if (nested) {
            const selector = this.selector(nested);
            return selector ? { kind: 'selector', selector } : undefined;
        }
        const node = ref?.ref;
        const id = node && qualifiedName(node);
        if (!node || !id) return undefined;
        if (isTypeDecl(node)) return { kind: 'type', type: id };
        if (isPomObject(node)) return { kind: 'object', object: id };
        return undefined;
    }

    protected linkKind(node: LinkDecl | LinkInverse | undefined): { id: string; inverse: boolean } | undefined {
        const decl = this.types.linkDecl(node);
        const id = decl && qualifiedName(decl);
        return id && node ? { id, inverse: isLinkInverse(node) } : undefined;
    }
}

/** The selectors before the last are bare heads (a type or an object), so the last one's `where` is shared. */
export function sharesCondition(nodes: readonly SelectorNode[]): boolean {
    return (
        nodes.length > 1 &&
        nodes[nodes.length - 1].condition !== undefined &&
        nodes.slice(0, -1).every(node => !node.condition && !node.around && !node.reaches)
    );
}
