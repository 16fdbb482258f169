import type { GuichetModule } from '../platform/module.ts';
import { healthProfessionalDataService } from './health-professional-data/index.ts';
import { practiceAuthorisationService } from './practice-authorisation/index.ts';

/**
 * The digital services an authority offers on the base modules (debt-collection extract, tax file,
 * health register, …): each folder holds its configuration, seeded through the same functions the
 * builder and the catalogue editor use, and only the consultation views no form can express. A
 * service imports the kernel and modules' `index.ts`, never another service
 * (tests/architecture/imports.test.ts).
 */
export const digitalServices: GuichetModule[] = [healthProfessionalDataService, practiceAuthorisationService];
