// HTML built by a tagged template that escapes every interpolated value unless it is already Html.
// A model string can only reach a page through escape(): a model written to attack the site stays text.

/** Markup that is already safe to emit: produced by `html`, the markdown renderer or a trusted renderer. */
export class Html {
    constructor(readonly value: string) {}
    toString(): string {
        return this.value;
    }
}

export type HtmlValue = Html | string | number | boolean | undefined | null | HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escape(text: string): string {
    return text.replace(/[&<>"']/g, c => ESCAPES[c]);
}

function render(value: HtmlValue): string {
    if (value instanceof Html) return value.value;
    if (Array.isArray(value)) return value.map(render).join('');
    if (value === undefined || value === null || value === false) return '';
    return escape(String(value));
}

/** `html\`<p>${text}</p>\``: strings, numbers and arrays are escaped; Html values are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
    let out = strings[0];
    for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
    return new Html(out);
}

/** Markup from a trusted producer (the SVG renderer, the markdown renderer with raw HTML disabled). */
export function trusted(markup: string): Html {
    return new Html(markup);
}

export function join(parts: HtmlValue[], separator: HtmlValue): Html {
    const out: string[] = [];
    parts.forEach((part, i) => {
        if (i > 0) out.push(render(separator));
        out.push(render(part));
    });
    return new Html(out.join(''));
}
