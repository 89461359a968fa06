import type { ValidationAcceptor, ValidationChecks } from 'langium';
import {
    isListValue,
    isQueryDecl,
    isRuleFor,
    isRuleRequire,
    isTypeDecl,
    type Comparison,
    type FieldDecl,
    type PomAstType,
    type QueryColumns,
    type QueryGroup,
    type QuerySum,
    type RuleDecl,
    type Selector,
    type ViewDecl,
} from '../generated/langium/ast.js';
import type { PomServices } from '../pom-module.js';
import type { PomTypeSystem } from '../model/type-system.js';
import type { PomIndexProvider } from '../references/pom-index.js';
import { didYouMean } from '../util/suggest.js';
import { IssueCodes } from '../diagnostics/codes.js';
import { checkValue } from './values.js';

/** Views, rules and queries: selectors that can mean something, comparisons that fit their field, complete rules. */
export class SelectorValidator {
    protected readonly types: PomTypeSystem;
    protected readonly indexProvider: PomIndexProvider;

    constructor(services: PomServices) {
        this.types = services.model.TypeSystem;
        this.indexProvider = services.references.PomIndex;
    }

    checks(): ValidationChecks<PomAstType> {
        return {
            ViewDecl: this.checkViewCycle,
            Selector: this.checkSelector,
            Comparison: this.checkComparison,
            RuleDecl: this.checkRule,
            QueryColumns: this.checkColumns,
            QueryGroup: this.checkGroup,
            QuerySum: this.checkSum,
        };
    }

    checkViewCycle = (view: ViewDecl, accept: ValidationAcceptor): void => {
        const chain: ViewDecl[] = [view];
        for (let current = view.base?.ref; current; current = current.base?.ref) {
            if (current === view) {
                accept('error', `View '${view.name}' extends itself: ${[...chain, view].map(v => v.name).join(' → ')}.`, {
                    node: view,
                    property: 'base',
                    code: IssueCodes.ViewCycle,
                });
                return;
            }
            if (chain.includes(current)) return;
            chain.push(current);
        }
    };

    checkSelector = (selector: Selector, accept: ValidationAcceptor): void => {
        const head = selector.head?.ref;
        if (selector.containment && head && isTypeDecl(head)) {
            accept(
                'error',
                `'${selector.head!.$refText}${selector.containment}' selects what is nested in an object, but '${head.name}' is a type. ` +
                    `Write '${head.name}' for every ${head.name}, or name an object.`,
                { node: selector, property: 'containment', code: IssueCodes.InvalidSelector },
            );
        }
        if (selector.depth !== undefined && (!Number.isInteger(selector.depth) || selector.depth < 1)) {
            accept('error', `'depth' is a number of links, 1 or more; ${selector.depth} is not.`, {
                node: selector,
                property: 'depth',
                code: IssueCodes.InvalidSelector,
            });
        }
    };

    checkComparison = (comparison: Comparison, accept: ValidationAcceptor): void => {
        const field = comparison.field?.ref;
        if (!field?.type || !comparison.value) return;
        const single: FieldDecl = { ...field, type: { ...field.type, list: false } };
        if (comparison.operator === 'in') {
            if (isListValue(comparison.value)) for (const item of comparison.value.items) checkValue(item, single, this.types, accept);
            return;
        }
        checkValue(comparison.value, single, this.types, accept);
        if (['<', '<=', '>', '>='].includes(comparison.operator)) {
            const enumDecl = this.types.enumOf(field);
            const ordered = field.type.primitive === 'number' || field.type.primitive === 'date' || (enumDecl?.ordered ?? false);
            if (!ordered) {
                accept(
                    'error',
                    `'${comparison.operator}' compares numbers, dates and members of ordered enums; '${field.name}' is ${this.types.describeType(field)}. ` +
                        `Use '=', '!=' or 'in [ … ]'.`,
                    { node: comparison, property: 'operator', code: IssueCodes.InvalidSelector },
                );
            }
        }
    };

    checkRule = (rule: RuleDecl, accept: ValidationAcceptor): void => {
        const missing = [
            rule.members.some(isRuleFor) ? undefined : `'for <selector>' (which objects it applies to)`,
            rule.members.some(isRuleRequire) ? undefined : `'require <condition>' (what they must meet)`,
        ].filter(Boolean);
        if (missing.length > 0) {
            accept('error', `Rule '${rule.name}' needs ${missing.join(' and ')}.`, { node: rule, property: 'name', code: IssueCodes.IncompleteRule });
        }
    };

    /** Every name a column can show: fields (derived facts included) and link kinds. */
    protected columnNames(): Set<string> {
        const index = this.indexProvider.index;
        const known = new Set<string>(['id', 'type', 'title', 'file']);
        for (const type of index.types) for (const name of this.types.fields(type).keys()) known.add(name);
        for (const name of index.linkNames) known.add(name);
        return known;
    }

    /** `group-by:` names a field, a link kind or a type (grouping by the nearest one along the lineage). */
    checkGroup = (group: QueryGroup, accept: ValidationAcceptor): void => {
        const known = this.columnNames();
        for (const id of this.indexProvider.index.ids.type.keys()) known.add(id.slice(id.lastIndexOf('.') + 1));
        if (!group.by || known.has(group.by)) return;
        accept('error', `No field, link kind or type '${group.by}' to group by.${didYouMean(group.by, [...known])}`, {
            node: group,
            property: 'by',
            code: IssueCodes.UnknownField,
        });
    };

    /** `sum:` names number fields. */
    checkSum = (sum: QuerySum, accept: ValidationAcceptor): void => {
        const numbers = new Set<string>();
        for (const type of this.indexProvider.index.types) {
            for (const [name, field] of this.types.fields(type)) if (field.type?.primitive === 'number') numbers.add(name);
        }
        sum.fields.forEach((field, i) => {
            if (numbers.has(field)) return;
            accept('error', `No number field '${field}' to sum.${didYouMean(field, [...numbers])}`, {
                node: sum,
                property: 'fields',
                index: i,
                code: IssueCodes.UnknownField,
            });
        });
    };

    checkColumns = (columns: QueryColumns, accept: ValidationAcceptor): void => {
        if (!isQueryDecl(columns.$container)) return;
        const known = this.columnNames();
        columns.columns.forEach((column, i) => {
            if (known.has(column)) return;
            accept('error', `No field or link kind '${column}' to show as a column.${didYouMean(column, [...known])}`, {
                node: columns,
                property: 'columns',
                index: i,
                code: IssueCodes.UnknownField,
            });
        });
    };
}
