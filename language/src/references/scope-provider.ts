import { type AstNodeDescription, type ReferenceInfo, type Scope, type ScopeProvider, type Stream } from 'langium';
import type { PomServices } from '../pom-module.js';
import type { PomResolver } from './resolver.js';

/** A scope that answers look-ups through the PomResolver's hash maps. */
class ResolvingScope implements Scope {
    constructor(private readonly resolver: PomResolver, private readonly info: ReferenceInfo) { }

    getElement(name: string): AstNodeDescription | undefined {
        const resolution = this.resolver.resolve({ ...this.info, reference: { ...this.info.reference, $refText: name } });
        return resolution.kind === 'found' ? resolution.description : undefined;
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return this.getAllElements().filter(description => description.name === name);
    }

    getAllElements(): Stream<AstNodeDescription> {
        return this.resolver.visibleElements(this.info);
    }
}

export class PomScopeProvider implements ScopeProvider {
    private cachedResolver?: PomResolver;

    constructor(protected readonly services: PomServices) { }

    protected resolver(): PomResolver {
        return this.cachedResolver ??= this.services.references.Resolver;
    }

    getScope(info: ReferenceInfo): Scope {
        return new ResolvingScope(this.resolver(), info);
    }
}
