/** Edit distance with an upper bound: returns bound + 1 as soon as the distance must exceed it. */
export function boundedDistance(a: string, b: string, bound: number): number {
    if (Math.abs(a.length - b.length) > bound) return bound + 1;
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            current.push(value);
            if (value < rowMin) rowMin = value;
        }
        if (rowMin > bound) return bound + 1;
        previous = current;
    }
    return previous[b.length];
}

/** The closest candidate to a misspelt name, if one is close enough to be a plausible typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
    const bound = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
    let best: string | undefined;
    let bestDistance = bound + 1;
    for (const candidate of candidates) {
        const distance = boundedDistance(name, candidate, bestDistance - 1 < 0 ? 0 : Math.min(bound, bestDistance));
        if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
            if (distance <= bound) {
                best = candidate;
                bestDistance = distance;
            }
        }
    }
    return best;
}

export function didYouMean(name: string, candidates: Iterable<string>): string {
    const suggestion = closest(name, candidates);
    return suggestion ? ` Did you mean '${suggestion}'?` : '';
}

/** `a, b or c` */
export function listWords(words: readonly string[], conjunction = 'or'): string {
    if (words.length <= 1) return words.join('');
    return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
