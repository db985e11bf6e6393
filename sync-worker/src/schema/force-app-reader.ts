/**
 * Loads the org schema an org has after force-app is deployed: the standard objects
 * defined in code merged with force-app's custom objects, fields, value sets, custom
 * metadata records, queues and notification types.
 */
import { buildOrgSchema } from './build-org-schema';
import { readForceApp } from './force-app-files';
import type { OrgSchema } from './types';

export { readForceApp, metadataRoot } from './force-app-files';

/**
 * Loads the org schema for a force-app folder (`force-app` or `force-app/main/default`).
 * Throws `MetadataFileError` naming the first broken metadata file.
 */
export function loadOrgSchema(forceAppDir: string): OrgSchema {
    return buildOrgSchema(readForceApp(forceAppDir));
}
