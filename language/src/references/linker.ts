import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';
import type { PomServices } from '../pom-module.js';
import type { PomResolver } from './resolver.js';

/** A linking error that carries its diagnostic code; `silent` ones are consequences of an error reported elsewhere. */
export interface PomLinkingError extends LinkingError {
    code?: string;
    silent?: boolean;
}

export class PomLinker extends DefaultLinker {
    protected readonly resolver: () => PomResolver;

    constructor(services: PomServices) {
        super(services);
        this.resolver = () => services.references.Resolver;
    }

    override getCandidate(info: ReferenceInfo): AstNodeDescription | LinkingError {
        const resolution = this.resolver().resolve(info);
        switch (resolution.kind) {
            case 'found': return resolution.description;
            case 'silent': return { info, message: '', silent: true } as PomLinkingError;
            default: return { info, message: resolution.message, code: resolution.code } as PomLinkingError;
        }
    }
}
