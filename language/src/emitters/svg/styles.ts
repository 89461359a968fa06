// How diagrams look: a colour per kind of object and a stroke per link kind, as CSS custom properties with a
// light and a dark palette, so one SVG reads well on either background (prefers-color-scheme, or a forced theme).

/** Style keys of the standard types, most specific first is decided by the object's own `types` list. */
const TYPE_KEYS: Record<string, string> = {
    'std.north-star': 'north-star', 'std.driver': 'driver', 'std.input': 'input', 'std.goal': 'goal',
    'std.opportunity': 'opportunity', 'std.bet': 'bet', 'std.intent': 'intent', 'std.insight': 'insight',
    'std.option': 'option', 'std.work': 'work', 'std.release': 'release', 'std.impact': 'impact', 'std.metric': 'metric',
    'std.team': 'team', 'std.group': 'group', 'std.person': 'person', 'std.role': 'role', 'std.scope': 'scope',
    'std.ritual': 'ritual', 'std.artifact': 'artifact', 'std.funding': 'funding', 'std.cycle': 'cycle',
};

/** [light, dark] accent colours per type style. */
const TYPE_COLOURS: Record<string, [string, string]> = {
    'north-star': ['#b45309', '#fbbf24'], driver: ['#7c3aed', '#c4b5fd'], input: ['#2563eb', '#93c5fd'], goal: ['#0e7490', '#67e8f9'],
    opportunity: ['#c2410c', '#fdba74'], bet: ['#be185d', '#f9a8d4'], intent: ['#4f46e5', '#a5b4fc'], insight: ['#0f766e', '#5eead4'],
    option: ['#a16207', '#fde047'], work: ['#15803d', '#86efac'], release: ['#4d7c0f', '#bef264'], impact: ['#b91c1c', '#fca5a5'],
    metric: ['#475569', '#cbd5e1'], team: ['#1d4ed8', '#bfdbfe'], group: ['#1e40af', '#a5b4fc'], person: ['#6d28d9', '#ddd6fe'],
    role: ['#7e22ce', '#e9d5ff'], scope: ['#047857', '#6ee7b7'], ritual: ['#9d174d', '#fbcfe8'], artifact: ['#57534e', '#d6d3d1'],
    funding: ['#a16207', '#fcd34d'], cycle: ['#0369a1', '#7dd3fc'], object: ['#52525b', '#d4d4d8'],
};

/** The style key of an object from its types (most specific first): its own, else its nearest standard supertype's. */
export function typeStyleKey(types: string[]): string {
    for (const type of types) {
        const key = TYPE_KEYS[type];
        if (key) return key;
    }
    return 'object';
}

export interface LinkStyle {
    /** A CSS class suffix and custom property name. */
    key: string;
    /** stroke-dasharray, or 'none' for a solid line. */
    dash: string;
    width: number;
    marker: 'arrow' | 'open' | 'diamond' | 'circle';
    colours: [string, string];
}

const LINK_STYLES: Record<string, Omit<LinkStyle, 'key'>> = {
    'std.targets': { dash: 'none', width: 1.8, marker: 'arrow', colours: ['#2563eb', '#93c5fd'] },
    'std.drives': { dash: 'none', width: 2.4, marker: 'arrow', colours: ['#7c3aed', '#c4b5fd'] },
    'std.contributes-to': { dash: '8 4', width: 1.6, marker: 'arrow', colours: ['#4f46e5', '#a5b4fc'] },
    'std.informs': { dash: '5 4', width: 1.4, marker: 'open', colours: ['#0f766e', '#5eead4'] },
    'std.considered-for': { dash: '2 3', width: 1.4, marker: 'open', colours: ['#a16207', '#fde047'] },
    'std.chosen-from': { dash: '10 3 2 3', width: 1.6, marker: 'diamond', colours: ['#be185d', '#f9a8d4'] },
    'std.delivers': { dash: 'none', width: 1.6, marker: 'open', colours: ['#15803d', '#86efac'] },
    'std.evidences': { dash: '6 3', width: 1.6, marker: 'circle', colours: ['#b91c1c', '#fca5a5'] },
    'std.depends-on': { dash: 'none', width: 2, marker: 'diamond', colours: ['#dc2626', '#f87171'] },
    'std.owns': { dash: '1 3', width: 1.6, marker: 'circle', colours: ['#047857', '#6ee7b7'] },
    'std.stewards': { dash: '3 3', width: 1.2, marker: 'circle', colours: ['#059669', '#a7f3d0'] },
    'std.owner': { dash: '1 3', width: 1.4, marker: 'open', colours: ['#1d4ed8', '#bfdbfe'] },
    'std.in-scope': { dash: '2 4', width: 1.1, marker: 'open', colours: ['#64748b', '#94a3b8'] },
    'std.nested-in': { dash: '4 2', width: 1.1, marker: 'open', colours: ['#71717a', '#a1a1aa'] },
    'std.measured-by': { dash: '1 2', width: 1.1, marker: 'circle', colours: ['#475569', '#cbd5e1'] },
    'std.interacts': { dash: '7 3', width: 1.4, marker: 'arrow', colours: ['#0369a1', '#7dd3fc'] },
    'std.member-of': { dash: '2 2', width: 1.1, marker: 'open', colours: ['#6d28d9', '#ddd6fe'] },
    'std.funds': { dash: '9 3', width: 1.4, marker: 'diamond', colours: ['#a16207', '#fcd34d'] },
};

/** Styles for link kinds of one's own vocabulary, picked by a stable hash of the kind's id. */
const FALLBACK_LINK_STYLES: Array<Omit<LinkStyle, 'key'>> = [
    { dash: '12 4', width: 1.6, marker: 'arrow', colours: ['#0891b2', '#67e8f9'] },
    { dash: '4 4', width: 1.6, marker: 'diamond', colours: ['#9333ea', '#d8b4fe'] },
    { dash: '10 2 2 2 2 2', width: 1.6, marker: 'open', colours: ['#ea580c', '#fdba74'] },
    { dash: '1 2', width: 2, marker: 'circle', colours: ['#65a30d', '#bef264'] },
    { dash: 'none', width: 1.2, marker: 'open', colours: ['#db2777', '#f9a8d4'] },
];

export function cssIdent(text: string): string {
    return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function linkStyle(kind: string): LinkStyle {
    const known = LINK_STYLES[kind];
    if (known) return { key: cssIdent(kind), ...known };
    let hash = 0;
    for (const char of kind) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
    return { key: cssIdent(kind), ...FALLBACK_LINK_STYLES[hash % FALLBACK_LINK_STYLES.length] };
}

export interface ThemeColours {
    background: string;
    foreground: string;
    muted: string;
    nodeFill: string;
    compoundFill: string;
    border: string;
}

const LIGHT: ThemeColours = { background: '#ffffff', foreground: '#18181b', muted: '#52525b', nodeFill: '#ffffff', compoundFill: '#f4f4f5', border: '#a1a1aa' };
const DARK: ThemeColours = { background: '#18181b', foreground: '#f4f4f5', muted: '#a1a1aa', nodeFill: '#27272a', compoundFill: '#1f1f23', border: '#52525b' };

export type Theme = 'auto' | 'light' | 'dark';

/** The stylesheet of one diagram: only the type and link styles it uses, light first, dark on request. */
export function stylesheet(typeKeys: string[], linkKinds: string[], theme: Theme, fontFaces: string): string {
    const variables = (colours: ThemeColours, dark: boolean): string => {
        const lines = [
            `--pom-bg:${colours.background}`, `--pom-fg:${colours.foreground}`, `--pom-muted:${colours.muted}`,
            `--pom-node:${colours.nodeFill}`, `--pom-compound:${colours.compoundFill}`, `--pom-border:${colours.border}`,
            ...typeKeys.map(key => `--pom-t-${key}:${TYPE_COLOURS[key][dark ? 1 : 0]}`),
            ...linkKinds.map(kind => { const style = linkStyle(kind); return `--pom-l-${style.key}:${style.colours[dark ? 1 : 0]}`; }),
        ];
        return lines.join(';');
    };
    const light = `svg.pom-diagram{${variables(LIGHT, false)}}`;
    const dark = `svg.pom-diagram{${variables(DARK, true)}}`;
    const themed = theme === 'light' ? light : theme === 'dark' ? dark : `${light}\n@media (prefers-color-scheme: dark){${dark}}`;
    const rules = [
        `.pom-diagram{font-family:'IBM Plex Sans',system-ui,sans-serif;text-rendering:geometricPrecision}`,
        `.pom-bg{fill:var(--pom-bg)}`,
        `.pom-node rect{fill:var(--pom-node);stroke-width:1.5}`,
        `.pom-node.pom-compound>rect,.pom-node.pom-compound>a>rect{fill:var(--pom-compound)}`,
        `.pom-node text,.pom-legend text,.pom-title{fill:var(--pom-fg)}`,
        `.pom-node .pom-field{fill:var(--pom-muted)}`,
        `.pom-edge path{fill:none}`,
        `.pom-edge text{fill:var(--pom-muted)}`,
        `.pom-edge rect{fill:var(--pom-bg);opacity:0.85}`,
        `.pom-node a:focus rect,.pom-node a:hover rect{stroke-width:3}`,
        ...typeKeys.map(key => `.pom-t-${key} rect,.pom-t-${key}>.pom-swatch{stroke:var(--pom-t-${key})}.pom-t-${key} .pom-type{fill:var(--pom-t-${key})}`),
        ...linkKinds.map(kind => {
            const style = linkStyle(kind);
            return `.pom-l-${style.key} path,.pom-l-${style.key} line{stroke:var(--pom-l-${style.key});stroke-width:${style.width}` +
                `${style.dash === 'none' ? '' : `;stroke-dasharray:${style.dash}`}}.pom-m-${style.key}{fill:var(--pom-l-${style.key});stroke:var(--pom-l-${style.key})}`;
        }),
    ];
    return [fontFaces, themed, ...rules].filter(Boolean).join('\n');
}
