import type { GuichetModule } from '../platform/module.ts';
import { debtExtractService } from './debt-extract/index.ts';
import { healthProfessionalDataService } from './health-professional-data/index.ts';
import { narcoticsStatementsService } from './narcotics-statements/index.ts';
import { practiceAuthorisationService } from './practice-authorisation/index.ts';
import { taxFileService } from './tax-file/index.ts';
import { taxSituationService } from './tax-situation/index.ts';

/**
 * The digital services an authority offers on the base modules (debt-collection extract, tax file,
 * health register, …): each folder holds its configuration, seeded through the same functions the
 * builder and the catalogue editor use, and only the consultation views no form can express. A
 * service imports the kernel and modules' `index.ts`, never another service
 * (tests/architecture/imports.test.ts).
 */
export const digitalServices: GuichetModule[] = [
  debtExtractService,
  taxFileService,
  taxSituationService,
  narcoticsStatementsService,
  healthProfessionalDataService,
  practiceAuthorisationService,
];
