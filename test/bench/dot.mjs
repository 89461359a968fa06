// Graphviz dot on the same graph as one of our views: same nodes and sizes, same edges and edge labels, clusters for
// compound nodes, same direction. Read back from `dot -Tjson` as polylines (splines sampled) so that our quality
// measures (language/src/layout/quality.ts) count dot's drawing exactly as they count ours.
import { spawnSync } from 'node:child_process';

export const dotInstalled = () => spawnSync('dot', ['-V']).status === 0;

const quote = text => `"${String(text).replace(/["\\]/g, '\\$&')}"`;

/**
 * The dot source of a view. `labels` are our measured node labels (width, height in px = pt), `labelled` whether
 * edges carry their labels (as in our layout: only up to MAX_LABELLED_EDGES).
 */
export function dotSource(view, labels, labelled) {
    const rankdir = { right: 'LR', left: 'RL', down: 'TB', up: 'BT' }[view.direction];
    const lines = [
        `digraph G { rankdir=${rankdir}; nodesep=0.39; ranksep=0.78; node [shape=box, fixedsize=true, label=""]; edge [fontsize=11, fontname="IBM Plex Sans"];`,
    ];
    const children = new Map();
    for (const node of view.nodes) {
        const list = children.get(node.parent) ?? [];
        list.push(node.id);
        children.set(node.parent, list);
    }
    const size = id => `width=${(labels.get(id).width / 72).toFixed(3)}, height=${(labels.get(id).height / 72).toFixed(3)}`;
    const emit = (parent, indent) => {
        for (const id of children.get(parent) ?? []) {
            if (children.has(id)) {
                lines.push(`${indent}subgraph ${quote('cluster_' + id)} {`);
                lines.push(`${indent}  ${quote(id)} [${size(id)}];`);
                emit(id, indent + '  ');
                lines.push(`${indent}}`);
            } else {
                lines.push(`${indent}${quote(id)} [${size(id)}];`);
            }
        }
    };
    emit(undefined, '  ');
    // A reversed edge (ViewEdge.reversed) is laid out from its target, as our layout lays it out; the arrow still points at the target.
    for (const edge of view.edges) {
        const [from, to] = edge.reversed ? [edge.target, edge.source] : [edge.source, edge.target];
        const attributes = [...(labelled ? [`label=${quote(edge.label)}`] : []), ...(edge.reversed ? ['dir=back'] : [])];
        lines.push(`  ${quote(from)} -> ${quote(to)}${attributes.length > 0 ? ` [${attributes.join(', ')}]` : ''};`);
    }
    lines.push('}');
    return lines.join('\n');
}

const pointOf = text => {
    const [x, y] = text.split(',').map(Number);
    return { x, y };
};

/** dot's drawing of a source: size and each edge as its spline's control points; undefined when dot fails. */
export function dotDrawing(source, { timeoutMs = 300_000 } = {}) {
    const start = process.hrtime.bigint();
    const child = spawnSync('dot', ['-Tjson'], { input: source, timeout: timeoutMs, maxBuffer: 1 << 30, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.status !== 0) return undefined;
    const json = JSON.parse(child.stdout);
    const [, , width, height] = json.bb.split(',').map(Number);
    const names = new Map((json.objects ?? []).map(object => [object._gvid, object.name]));
    const edges = (json.edges ?? []).map(edge => {
        // pos: optional "e,x,y" / "s,x,y" arrow ends, then the spline's control points.
        const controls = edge.pos
            .split(' ')
            .filter(token => !token.startsWith('e,') && !token.startsWith('s,'))
            .map(pointOf);
        return { source: names.get(edge.tail), target: names.get(edge.head), controls };
    });
    return { width, height, edges, ms };
}
