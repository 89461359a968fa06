// The anchors a Markdown page has once GitHub renders it: one per heading (GitHub's slug) and one per explicit
// `<a id="…">` / `<a name="…">`. Links into the docs (SARIF helpUri, the registry's anchors) are checked against it.
import { readFileSync } from 'node:fs';

/** GitHub's heading slug: lower case, punctuation dropped (but `-` and `_`), each space a hyphen. */
export function githubSlug(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/<[^>]*>/g, '')
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
}

export function markdownAnchors(markdown: string): Set<string> {
    const anchors = new Set<string>();
    const counts = new Map<string, number>();
    let fenced = false;
    for (const line of markdown.split('\n')) {
        if (line.startsWith('```')) fenced = !fenced;
        if (fenced) continue;
        const heading = /^#{1,6}\s+(.*)$/.exec(line);
        if (heading) {
            const slug = githubSlug(heading[1]);
            const seen = counts.get(slug) ?? 0;
            counts.set(slug, seen + 1);
            anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
        }
        for (const match of line.matchAll(/<a (?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
    }
    return anchors;
}

export const LANGUAGE_REFERENCE = 'docs/language.md';

/** The anchors of docs/language.md, as GitHub renders it. */
export function referenceAnchors(): Set<string> {
    return markdownAnchors(readFileSync(LANGUAGE_REFERENCE, 'utf8'));
}
