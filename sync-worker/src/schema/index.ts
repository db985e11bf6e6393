/**
 * The org schema model shared by the local org, the validator and the name checks:
 * standard objects defined in code, merged with custom objects and fields from force-app.
 */
export type * from './types';
export { STANDARD_OBJECTS, ACTIVITY_WHAT_OBJECTS, cloneObject } from './standard-objects';
export { loadOrgSchema, readForceApp, metadataRoot } from './force-app-reader';
export { buildOrgSchema, standardOrgSchema } from './build-org-schema';
export type { ForceAppContent, ObjectFolder, CustomMetadataRecordFile } from './force-app-files';
export { MetadataFileError } from './metadata-xml';
export { caseSafeSuffix, normalizeId, isValidId, keyPrefixOf, buildId } from './ids';
