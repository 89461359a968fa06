// Rasterisers such as resvg read presentation attributes and simple CSS, but not CSS custom properties, @media or
// web fonts. The diagram SVG styles through all three (one file, light and dark). This resolves whatever stylesheet the
// SVG carries for one theme — generically, from the emitted CSS, not from a copy of the palette — so that any
// stylesheet change in the renderer carries over to PNG and draw.io.

export interface CssRule {
    /** Comma-separated selectors, split and trimmed. */
    selectors: string[];
    declarations: Map<string, string>;
}

const STYLE_ELEMENT = /<style>([\s\S]*?)<\/style>/;

/** Top-level blocks of a stylesheet: [prelude, body] pairs (an at-rule's body holds rules of its own). */
function blocks(css: string): Array<[string, string]> {
    const result: Array<[string, string]> = [];
    let depth = 0,
        start = 0,
        open = -1;
    for (let i = 0; i < css.length; i++) {
        if (css[i] === '{') {
            if (depth === 0) open = i;
            depth++;
        } else if (css[i] === '}') {
            depth--;
            if (depth === 0) {
                result.push([css.slice(start, open).trim(), css.slice(open + 1, i)]);
                start = i + 1;
            }
        }
    }
    return result;
}

function declarations(body: string): Map<string, string> {
    const map = new Map<string, string>();
    for (const part of body.split(';')) {
        const colon = part.indexOf(':');
        if (colon > 0) map.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
    }
    return map;
}

/**
 * The rules that apply under `theme`: top-level rules, and those of `@media (prefers-color-scheme: <theme>)` blocks
 * after them (as a browser with that preference would). Font faces, other at-rules and rules that only apply to
 * interaction (:hover, :focus) are left out.
 */
export function themeRules(css: string, theme: 'light' | 'dark'): CssRule[] {
    const rules: CssRule[] = [];
    const add = (prelude: string, body: string) => {
        const selectors = prelude
            .split(',')
            .map(s => s.trim())
            .filter(s => s && !/:(hover|focus|active|visited|focus-visible)\b/.test(s));
        if (selectors.length > 0) rules.push({ selectors, declarations: declarations(body) });
    };
    const media: Array<[string, string]> = [];
    for (const [prelude, body] of blocks(css.replace(/\/\*[\s\S]*?\*\//g, ''))) {
        if (prelude.startsWith('@media')) {
            if (new RegExp(`prefers-color-scheme\\s*:\\s*${theme}\\b`).test(prelude)) media.push(...blocks(body));
        } else if (!prelude.startsWith('@')) {
            add(prelude, body);
        }
    }
    for (const [prelude, body] of media) add(prelude, body);
    return rules;
}

/** Custom properties as the rules set them (later rules win), with var() references among them resolved. */
function customProperties(rules: CssRule[]): Map<string, string> {
    const properties = new Map<string, string>();
    for (const rule of rules) for (const [name, value] of rule.declarations) if (name.startsWith('--')) properties.set(name, value);
    for (const [name, value] of properties) properties.set(name, substitute(value, properties));
    return properties;
}

/** Replaces var(--name[, fallback]) with the property's value (or the fallback). */
function substitute(text: string, properties: Map<string, string>, depth = 0): string {
    const replaced = text.replace(
        /var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)/g,
        (_whole, name: string, fallback?: string) => properties.get(name) ?? fallback?.trim() ?? 'none',
    );
    return replaced !== text && depth < 8 && replaced.includes('var(') ? substitute(replaced, properties, depth + 1) : replaced;
}

/** The SVG's stylesheet parsed once for `theme`: its rules with custom properties resolved, and the properties. */
function resolveRules(svg: string, theme: 'light' | 'dark'): { rules: CssRule[]; properties: Map<string, string> } {
    const css = STYLE_ELEMENT.exec(svg)?.[1] ?? '';
    const themed = themeRules(css, theme);
    const properties = customProperties(themed);
    const rules = themed
        .map(rule => ({
            selectors: rule.selectors,
            declarations: new Map(
                [...rule.declarations].filter(([name]) => !name.startsWith('--')).map(([name, value]) => [name, substitute(value, properties)]),
            ),
        }))
        .filter(rule => rule.declarations.size > 0);
    return { rules, properties };
}

/** The stylesheet an SVG carries, as the rules that apply under `theme`, custom properties resolved. */
export function svgRules(svg: string, theme: 'light' | 'dark'): CssRule[] {
    return resolveRules(svg, theme).rules;
}

/** The value of `property` set by the last rule that has exactly `selector` among its selectors. */
export function declared(rules: CssRule[], selector: string, property: string): string | undefined {
    let value: string | undefined;
    for (const rule of rules) if (rule.selectors.includes(selector) && rule.declarations.has(property)) value = rule.declarations.get(property);
    return value;
}

/**
 * The SVG with its stylesheet resolved for `theme`: custom properties replaced by their values in the CSS and in
 * attributes, @media and @font-face dropped, interaction-only rules dropped. Simple selectors and presentation
 * attributes remain, which resvg and other rasterisers read.
 */
export function resolveSvgStyles(svg: string, theme: 'light' | 'dark'): string {
    const { rules, properties } = resolveRules(svg, theme);
    const resolved = rules.map(rule => `${rule.selectors.join(',')}{${[...rule.declarations].map(([k, v]) => `${k}:${v}`).join(';')}}`).join('\n');
    const body = svg.replace(STYLE_ELEMENT, () => `<style>\n${resolved}\n</style>`);
    // Attributes and inline styles may use var() too.
    return substitute(body.replace(/<style>[\s\S]*?<\/style>/, '\u0000STYLE\u0000'), properties).replace('\u0000STYLE\u0000', `<style>\n${resolved}\n</style>`);
}
