// How good a drawing is, measured the same way for our layout and for another tool's (Graphviz dot in the bench
// and tests): edge crossings, bends, area and longest side. Edges are polylines; curves are sampled first.

export interface Point {
    x: number;
    y: number;
}

export interface DrawnEdge {
    source: string;
    target: string;
    points: Point[];
}

export interface LayoutQuality {
    crossings: number;
    bends: number;
    area: number;
    longestSide: number;
}

/** Points closer than this to an end of either edge do not count as a crossing: edges meeting at a node's border. */
const END_TOLERANCE = 2;

function properIntersection(a: Point, b: Point, c: Point, d: Point): Point | undefined {
    const rx = b.x - a.x,
        ry = b.y - a.y,
        sx = d.x - c.x,
        sy = d.y - c.y;
    const denominator = rx * sy - ry * sx;
    if (Math.abs(denominator) < 1e-9) return undefined; // Parallel or collinear: overlapping, not crossing.
    const t = ((c.x - a.x) * sy - (c.y - a.y) * sx) / denominator;
    const u = ((c.x - a.x) * ry - (c.y - a.y) * rx) / denominator;
    if (t <= 1e-9 || t >= 1 - 1e-9 || u <= 1e-9 || u >= 1 - 1e-9) return undefined;
    return { x: a.x + t * rx, y: a.y + t * ry };
}

const near = (p: Point, q: Point): boolean => Math.abs(p.x - q.x) <= END_TOLERANCE && Math.abs(p.y - q.y) <= END_TOLERANCE;

interface Segment {
    a: Point;
    b: Point;
    edge: number;
    minX: number;
    maxX: number;
    minY: number;
    maxY: number;
}

/** How many times two different edges cross (each point where one passes over another counts once). */
export function countCrossings(edges: DrawnEdge[]): number {
    const segments: Segment[] = [];
    edges.forEach((edge, index) => {
        for (let i = 1; i < edge.points.length; i++) {
            const a = edge.points[i - 1],
                b = edge.points[i];
            segments.push({ a, b, edge: index, minX: Math.min(a.x, b.x), maxX: Math.max(a.x, b.x), minY: Math.min(a.y, b.y), maxY: Math.max(a.y, b.y) });
        }
    });
    // Sweep along x: only segments whose x ranges overlap are compared.
    segments.sort((s, t) => s.minX - t.minX);
    let crossings = 0;
    const active: Segment[] = [];
    for (const segment of segments) {
        for (let i = active.length - 1; i >= 0; i--) if (active[i].maxX < segment.minX) active.splice(i, 1);
        for (const other of active) {
            if (other.edge === segment.edge || other.maxY < segment.minY || segment.maxY < other.minY) continue;
            const at = properIntersection(segment.a, segment.b, other.a, other.b);
            if (!at) continue;
            const e1 = edges[segment.edge].points,
                e2 = edges[other.edge].points;
            if (near(at, e1[0]) || near(at, e1[e1.length - 1]) || near(at, e2[0]) || near(at, e2[e2.length - 1])) continue;
            crossings++;
        }
        active.push(segment);
    }
    return crossings;
}

/** Whether a polyline changes direction at `b` (between `a` and `c`): not when the three points are collinear. */
export function isBend(a: Point, b: Point, c: Point): boolean {
    return Math.abs((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x)) > 1e-6;
}

/** Bends: changes of direction along each polyline. */
export function countBends(edges: DrawnEdge[]): number {
    let bends = 0;
    for (const edge of edges) {
        for (let i = 1; i + 1 < edge.points.length; i++) if (isBend(edge.points[i - 1], edge.points[i], edge.points[i + 1])) bends++;
    }
    return bends;
}

export function layoutQuality(drawing: { width: number; height: number; edges: DrawnEdge[] }): LayoutQuality {
    return {
        crossings: countCrossings(drawing.edges),
        bends: countBends(drawing.edges),
        area: Math.round(drawing.width * drawing.height),
        longestSide: Math.round(Math.max(drawing.width, drawing.height)),
    };
}

/** A cubic Bézier spline (1 + 3k control points) as a polyline of `steps` pieces per curve. */
export function sampleBezier(controls: Point[], steps = 8): Point[] {
    if (controls.length < 4) return controls;
    const out: Point[] = [controls[0]];
    for (let i = 0; i + 3 < controls.length; i += 3) {
        const [p0, p1, p2, p3] = controls.slice(i, i + 4);
        for (let s = 1; s <= steps; s++) {
            const t = s / steps,
                u = 1 - t;
            out.push({
                x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
                y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
            });
        }
    }
    return out;
}
