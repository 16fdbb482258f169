export { demoCatalogue, demoSynonyms } from './demo-catalogue.ts';
export { addSynonyms, listSynonyms, searchServices } from './search.ts';
export type { ServiceContent } from './service-content.ts';
export {
  createService,
  feesShownForForm,
  getService,
  getServiceEntry,
  listPublished,
  processingDaysOfForm,
  publishedServiceAuthorityOf,
  publishVersion,
  requiredLevelOfForm,
  requiredLevelOfFormCall,
  type Service,
  type ServiceEntry,
  type ShownFee,
  saveVersion,
  withdrawService,
} from './services.ts';
