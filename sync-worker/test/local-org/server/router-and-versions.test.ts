import { jsonResponse } from '../../../src/local-org/server/api-types';
import { ApiError } from '../../../src/local-org/server/errors';
import { Router } from '../../../src/local-org/server/router';
import {
    listApiVersions,
    parseVersionSegment,
    releaseLabel
} from '../../../src/local-org/server/versions';

function request(method: string, path: string) {
    return { method, path, query: new URLSearchParams(), headers: {}, body: '' };
}

describe('Router', () => {
    const router = new Router<null>()
        .add('GET', '/a/:type/describe', () => jsonResponse(200, 'describe'))
        .add('GET', '/a/:type/:id', (_request, params) => jsonResponse(200, params))
        .add('PATCH', '/a/:type/:id', () => jsonResponse(204, null));

    it('prefers earlier, more specific patterns and decodes segments', () => {
        expect(router.dispatch(request('GET', '/a/Lead/describe/'), null).body).toEqual({
            kind: 'json',
            value: 'describe'
        });
        expect(router.dispatch(request('GET', '/a/Lead/a%20b'), null).body).toEqual({
            kind: 'json',
            value: { type: 'Lead', id: 'a b' }
        });
    });

    it('answers 405 listing allowed methods and 404 for unknown paths', () => {
        expect(() => router.dispatch(request('DELETE', '/a/Lead/1'), null)).toThrow(
            "HTTP Method 'DELETE' not allowed. Allowed are GET,PATCH"
        );
        try {
            router.dispatch(request('GET', '/b'), null);
            throw new Error('expected a 404');
        } catch (error) {
            expect(error).toBeInstanceOf(ApiError);
            expect((error as ApiError).status).toBe(404);
        }
    });
});

describe('API versions', () => {
    it('names releases', () => {
        expect(releaseLabel(31)).toBe("Summer '14");
        expect(releaseLabel(62)).toBe("Winter '25");
        expect(releaseLabel(65)).toBe("Winter '26");
        expect(releaseLabel(66)).toBe("Spring '26");
    });

    it('lists and parses served versions', () => {
        const versions = listApiVersions(65);
        expect(versions.at(-1)).toEqual({
            label: "Winter '26",
            url: '/services/data/v65.0',
            version: '65.0'
        });
        expect(parseVersionSegment('v65.0', 65)).toBe('65.0');
        expect(parseVersionSegment('v66.0', 65)).toBeUndefined();
        expect(parseVersionSegment('v30.0', 65)).toBeUndefined();
        expect(parseVersionSegment('65.0', 65)).toBeUndefined();
    });
});
