/**
 * REST API versions the local org serves. Every path under `/services/data/vNN.0/`
 * must name one of them; `GET /services/data/` lists them with their release names.
 */

/** Oldest version served: 31.0 (Summer '14), the first with getUpdated on every object. */
export const MIN_API_VERSION = 31;

/** Newest version served by default: 65.0 (Winter '26). */
export const DEFAULT_MAX_API_VERSION = 65;

/** One entry of the versions list. */
export interface ApiVersionEntry {
    label: string;
    url: string;
    version: string;
}

const SEASONS = ['Winter', 'Spring', 'Summer'] as const;

/**
 * Release name of a major version. Salesforce ships three releases a year and 53.0 was
 * Winter '22, so the season cycles from there; a Winter release carries the next year.
 */
export function releaseLabel(major: number): string {
    const offset = major - 53;
    const season = SEASONS[((offset % 3) + 3) % 3] ?? 'Winter';
    const year = 22 + Math.floor(offset / 3);
    return `${season} '${String(year).padStart(2, '0')}`;
}

/** Lists the served versions, oldest first, as `GET /services/data/` returns them. */
export function listApiVersions(maxVersion: number): ApiVersionEntry[] {
    const entries: ApiVersionEntry[] = [];
    for (let major = MIN_API_VERSION; major <= maxVersion; major += 1) {
        entries.push({
            label: releaseLabel(major),
            url: `/services/data/v${major}.0`,
            version: `${major}.0`
        });
    }
    return entries;
}

/**
 * Parses a version segment such as `v65.0` and returns `65.0`, or `undefined` when it
 * is malformed or outside the served range.
 */
export function parseVersionSegment(segment: string, maxVersion: number): string | undefined {
    const match = /^v(\d{2})\.0$/.exec(segment);
    if (match?.[1] === undefined) {
        return undefined;
    }
    const major = Number(match[1]);
    return major >= MIN_API_VERSION && major <= maxVersion ? `${major}.0` : undefined;
}
