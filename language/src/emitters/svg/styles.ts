// How diagrams look: a colour per kind of object and a stroke per link kind, as CSS custom properties with a
// light and a dark palette, so one SVG reads well on either background (prefers-color-scheme, or a forced theme).

/** Style keys of the standard types, most specific first is decided by the object's own `types` list. */
const TYPE_KEYS: Record<string, string> = {
    'std.north-star': 'north-star',
    'std.driver': 'driver',
    'std.input': 'input',
    'std.goal': 'goal',
    'std.opportunity': 'opportunity',
    'std.bet': 'bet',
    'std.intent': 'intent',
    'std.insight': 'insight',
    'std.option': 'option',
    'std.work': 'work',
    'std.release': 'release',
    'std.impact': 'impact',
    'std.metric': 'metric',
    'std.team': 'team',
    'std.group': 'group',
    'std.person': 'person',
    'std.role': 'role',
    'std.scope': 'scope',
    'std.ritual': 'ritual',
    'std.artifact': 'artifact',
    'std.funding': 'funding',
    'std.cycle': 'cycle',
};

/**
 * [light, dark] accent colours per type style: every pair at least ΔE 25 apart (CIE76, in each theme; the type
 * colours test checks it). The colour marks the box's band, border and icon; text is drawn in the theme's
 * foreground, so its contrast does not depend on the type.
 */
export const TYPE_COLOURS: Record<string, [string, string]> = {
    'north-star': ['#e1960f', '#f0b478'],
    driver: ['#3c3cb4', '#b487f0'],
    input: ['#0087ff', '#4b87f0'],
    goal: ['#00b4d2', '#00a5f0'],
    opportunity: ['#ff875a', '#ff785a'],
    bet: ['#c3005a', '#e14b96'],
    intent: ['#b4a5f0', '#ffc3ff'],
    insight: ['#00875a', '#1ea569'],
    option: ['#b4b469', '#e1e178'],
    work: ['#78b41e', '#96f087'],
    release: ['#4b6900', '#87875a'],
    impact: ['#d22d2d', '#ff96a5'],
    metric: ['#a5a5a5', '#e1d2c3'],
    team: ['#005a96', '#96e1ff'],
    group: ['#0f5a5a', '#009696'],
    person: ['#c378f0', '#a57896'],
    role: ['#960087', '#b47869'],
    scope: ['#00c369', '#00f0b4'],
    ritual: ['#ff69c3', '#96e1c3'],
    artifact: ['#5a4b2d', '#b48700'],
    funding: ['#873c00', '#5a962d'],
    cycle: ['#f09696', '#7896b4'],
    object: ['#783c69', '#00f0f0'],
};

/** A shape per type style (an 11 px icon before the type's name), so types differ without colour too. */
export const TYPE_ICONS: Record<string, string> = {
    'north-star': 'M6,0L7.8,4.1L12,4.6L8.8,7.4L9.7,12L6,9.6L2.3,12L3.2,7.4L0,4.6L4.2,4.1Z',
    driver: 'M6,0L12,6L6,12L0,6Z',
    input: 'M6,0A6,6 0 1,0 6.01,0Z',
    goal: 'M6,0A6,6 0 1,0 6.01,0ZM6,3A3,3 0 1,1 5.99,3Z',
    opportunity: 'M6,0L12,12L0,12Z',
    bet: 'M3,0H9L12,6L9,12H3L0,6Z',
    intent: 'M0,0H6L12,6L6,12H0L6,6Z',
    insight: 'M6,0A5,5 0 0 1 9,9V12H3V9A5,5 0 0 1 6,0Z',
    option: 'M0,0H12L6,12Z',
    work: 'M0,0H12V12H0Z',
    release: 'M6,0L12,6H8.5V12H3.5V6H0Z',
    impact: 'M7,0L1,7H6L5,12L11,5H6Z',
    metric: 'M0,12V6H3V12ZM4.5,12V2H7.5V12ZM9,12V0H12V12Z',
    team: 'M0,12V9A3,3 0 0 1 6,9V12ZM6,12V9A3,3 0 0 1 12,9V12ZM3,2A2,2 0 1,0 3.01,2ZM9,2A2,2 0 1,0 9.01,2Z',
    group: 'M0,0H5V5H0ZM7,0H12V5H7ZM3.5,7H8.5V12H3.5Z',
    person: 'M6,0A3,3 0 1,0 6.01,0ZM0,12A6,5 0 0 1 12,12Z',
    role: 'M6,0L12,2V6C12,9 9,11 6,12C3,11 0,9 0,6V2Z',
    scope: 'M0,0H12V12H0ZM3,3V9H9V3Z',
    ritual: 'M4,0H8V4H12V8H8V12H4V8H0V4H4Z',
    artifact: 'M0,0H8L12,4V12H0Z',
    funding: 'M6,0L12,4.5L9.7,12H2.3L0,4.5Z',
    cycle: 'M0,0H12L6,6L12,12H0L6,6Z',
    object: 'M0,2L2,0L6,4L10,0L12,2L8,6L12,10L10,12L6,8L2,12L0,10L4,6Z',
};

/** Badge colours per health, [background, text] in each theme: text on its badge at least 7:1. */
const HEALTH_COLOURS: Record<string, { light: [string, string]; dark: [string, string] }> = {
    'on-track': { light: ['#dcfce7', '#14532d'], dark: ['#14532d', '#dcfce7'] },
    'at-risk': { light: ['#fef3c7', '#78350f'], dark: ['#713f12', '#fef3c7'] },
    'off-track': { light: ['#fee2e2', '#7f1d1d'], dark: ['#7f1d1d', '#fee2e2'] },
    unknown: { light: ['#e4e4e7', '#27272a'], dark: ['#3f3f46', '#f4f4f5'] },
};
export const HEALTH_KEYS = Object.keys(HEALTH_COLOURS);

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
    /** Fill of a muted box (killed, done, paused...). */
    mutedFill: string;
    /** Text of a contradiction warning. */
    alert: string;
}

const LIGHT: ThemeColours = {
    background: '#ffffff',
    foreground: '#18181b',
    muted: '#52525b',
    nodeFill: '#ffffff',
    compoundFill: '#f4f4f5',
    border: '#a1a1aa',
    mutedFill: '#f4f4f5',
    alert: '#b91c1c',
};
const DARK: ThemeColours = {
    background: '#18181b',
    foreground: '#f4f4f5',
    muted: '#a1a1aa',
    nodeFill: '#27272a',
    compoundFill: '#1f1f23',
    border: '#52525b',
    mutedFill: '#1f1f23',
    alert: '#fca5a5',
};

export type Theme = 'auto' | 'light' | 'dark';

/** The stylesheet of one diagram: only the type and link styles it uses, light first, dark on request. */
export function stylesheet(typeKeys: string[], linkKinds: string[], theme: Theme, fontFaces: string): string {
    const variables = (colours: ThemeColours, dark: boolean): string => {
        const lines = [
            `--pom-bg:${colours.background}`,
            `--pom-fg:${colours.foreground}`,
            `--pom-muted:${colours.muted}`,
            `--pom-node:${colours.nodeFill}`,
            `--pom-compound:${colours.compoundFill}`,
            `--pom-border:${colours.border}`,
            `--pom-muted-fill:${colours.mutedFill}`,
            `--pom-alert:${colours.alert}`,
            ...HEALTH_KEYS.map(
                key =>
                    `--pom-h-${key}:${HEALTH_COLOURS[key][dark ? 'dark' : 'light'][0]};--pom-h-${key}-text:${HEALTH_COLOURS[key][dark ? 'dark' : 'light'][1]}`,
            ),
            ...typeKeys.map(key => `--pom-t-${key}:${TYPE_COLOURS[key][dark ? 1 : 0]}`),
            ...linkKinds.map(kind => {
                const style = linkStyle(kind);
                return `--pom-l-${style.key}:${style.colours[dark ? 1 : 0]}`;
            }),
        ];
        return lines.join(';');
    };
    const lightVariables = variables(LIGHT, false);
    const darkVariables = variables(DARK, true);
    const light = `svg.pom-diagram{${lightVariables}}`;
    const dark = `svg.pom-diagram{${darkVariables}}`;
    // A page may force a theme over the reader's preference: [data-theme] on any ancestor (the site's toggle).
    // In `@media all` so that tools resolving one theme's styles (PNG export) read only the palette of that theme.
    const forced = `@media all{[data-theme=light] ${light}\n[data-theme=dark] ${dark}}`;
    const themed = theme === 'light' ? light : theme === 'dark' ? dark : `${light}\n@media (prefers-color-scheme: dark){${dark}}\n${forced}`;
    const rules = [
        `.pom-diagram{font-family:'IBM Plex Sans',system-ui,sans-serif;text-rendering:geometricPrecision}`,
        `.pom-bg{fill:var(--pom-bg)}`,
        `.pom-node rect.pom-box{fill:var(--pom-node);stroke-width:1.5}`,
        `.pom-node.pom-muted rect.pom-box{fill:var(--pom-muted-fill);stroke-dasharray:5 3}`,
        `.pom-node.pom-muted .pom-band,.pom-node.pom-muted .pom-icon{opacity:0.45}`,
        `.pom-node .pom-title{fill:var(--pom-fg)}`,
        `.pom-node .pom-alert{fill:var(--pom-alert)}`,
        `.pom-node.pom-contradicted rect.pom-box{stroke:var(--pom-alert);stroke-width:2.5}`,
        ...HEALTH_KEYS.map(key => `.pom-badge-${key}{fill:var(--pom-h-${key})}.pom-node .pom-badge-${key}+text{fill:var(--pom-h-${key}-text)}`),
        `.pom-node.pom-compound>rect.pom-box,.pom-node.pom-compound>a>rect.pom-box{fill:var(--pom-compound)}`,
        `.pom-node text,.pom-legend text,.pom-title{fill:var(--pom-fg)}`,
        `.pom-node .pom-type{fill:var(--pom-muted)}`,
        `.pom-node .pom-field{fill:var(--pom-muted)}`,
        `.pom-edge path{fill:none}`,
        `.pom-edge text{fill:var(--pom-muted)}`,
        `.pom-edge rect{fill:var(--pom-bg);opacity:0.85}`,
        `.pom-node a:focus rect.pom-box,.pom-node a:hover rect.pom-box{stroke-width:3}`,
        ...typeKeys.map(
            key =>
                `.pom-t-${key} rect.pom-box,.pom-t-${key}>.pom-swatch{stroke:var(--pom-t-${key})}.pom-t-${key} .pom-band,.pom-t-${key} .pom-icon{fill:var(--pom-t-${key})}`,
        ),
        ...linkKinds.map(kind => {
            const style = linkStyle(kind);
            return (
                `.pom-l-${style.key} path,.pom-l-${style.key} line{stroke:var(--pom-l-${style.key});stroke-width:${style.width}` +
                `${style.dash === 'none' ? '' : `;stroke-dasharray:${style.dash}`}}.pom-m-${style.key}{fill:var(--pom-l-${style.key});stroke:var(--pom-l-${style.key})}`
            );
        }),
    ];
    return [fontFaces, themed, ...rules].filter(Boolean).join('\n');
}
