import { stream, type AstNodeDescription, type ReferenceInfo, type Scope, type ScopeProvider, type Stream } from 'langium';
import type { PomServices } from '../pom-module.js';
import type { PomResolver } from './resolver.js';

/** A scope that answers look-ups through the PomResolver's hash maps. */
class ResolvingScope implements Scope {
    constructor(
        private readonly resolver: PomResolver,
        private readonly info: ReferenceInfo,
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        const resolution = this.resolver.resolve({ ...this.info, reference: { ...this.info.reference, $refText: name } });
        return resolution.kind === 'found' ? resolution.description : undefined;
    }

    /** Every reference is single (no `[+...]` in the grammar), so its one match is all there is. */
    getElements(name: string): Stream<AstNodeDescription> {
        const element = this.getElement(name);
        return stream(element ? [element] : []);
    }

    /**
     * Not enumerated: Langium asks this only from its default completion, and PomCompletionProvider offers names
     * from the index itself (with the shortest name and the import each needs).
     */
    getAllElements(): Stream<AstNodeDescription> {
        return stream<AstNodeDescription>([]);
    }
}

export class PomScopeProvider implements ScopeProvider {
    private cachedResolver?: PomResolver;

    constructor(protected readonly services: PomServices) {}

    protected resolver(): PomResolver {
        return (this.cachedResolver ??= this.services.references.Resolver);
    }

    getScope(info: ReferenceInfo): Scope {
        return new ResolvingScope(this.resolver(), info);
    }
}
