import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';
import type { PomServices } from '../pom-module.js';
import type { PomResolver } from './resolver.js';
import { IssueCodes } from '../validation/issue-codes.js';

/** A linking error that carries its diagnostic code; `silent` ones are consequences of an error reported elsewhere. */
export interface PomLinkingError extends LinkingError {
    code?: string;
    silent?: boolean;
}

export class PomLinker extends DefaultLinker {
    private cachedResolver?: PomResolver;

    constructor(protected readonly services: PomServices) {
        super(services);
    }

    /** Resolved on first use: the resolver depends on services created after the linker. */
    protected resolver(): PomResolver {
        return this.cachedResolver ??= this.services.references.Resolver;
    }

    override getCandidate(info: ReferenceInfo): AstNodeDescription | LinkingError {
        let resolution;
        try {
            resolution = this.resolver().resolve(info);
        } catch (error) {
            if (process.env.POM_DEBUG) console.error(error);
            return { info, message: `Internal error while resolving '${info.reference.$refText}' (${error instanceof Error ? error.message : error}). This is a bug in pom.`, code: IssueCodes.InternalError } as PomLinkingError;
        }
        switch (resolution.kind) {
            case 'found': return resolution.description;
            case 'silent': return { info, message: '', silent: true } as PomLinkingError;
            default: return { info, message: resolution.message, code: resolution.code } as PomLinkingError;
        }
    }
}
