import { SelectorEngine } from '../selector.js';
import type { GraphCheck } from './check.js';

/** An organisation's own rules: every object a rule selects must meet each of its requirements. */
export const checkRules: GraphCheck = (graph, report) => {
    if (graph.graph.rules.length === 0) return;
    const engine = new SelectorEngine(graph);
    for (const rule of graph.graph.rules) {
        if (rule.severity === 'off' || rule.for.length === 0 || rule.require.length === 0) continue;
        const name = rule.title ?? rule.name;
        for (const id of engine.selectAll(rule.for)) {
            const object = graph.get(id)!;
            const failed = rule.require.filter(requirement => !engine.test(object, requirement.condition));
            if (failed.length === 0) continue;
            const what = failed.map(f => `'${f.text}'`).join(' and ');
            report(
                rule.severity,
                rule.id,
                rule.message
                    ? `${rule.message} ('${object.id}' fails ${what}; rule ${rule.id})`
                    : `'${object.id}' breaks the rule '${name}': it fails ${what}.`,
                object,
            );
        }
    }
};
