import {
    assignCustomKeyPrefixes,
    buildId,
    caseSafeSuffix,
    isValidId,
    keyPrefixOf,
    normalizeId
} from '../../src/schema/ids';

describe('record Ids', () => {
    it('computes the case-safe suffix of a real Id', () => {
        expect(caseSafeSuffix('00QEc00000BBaeX')).toBe('MAT');
        expect(normalizeId('00QEc00000BBaeX')).toBe('00QEc00000BBaeXMAT');
    });

    it('computes suffixes of all-lower and all-upper bodies', () => {
        expect(caseSafeSuffix('001000000000000')).toBe('AAA');
        expect(caseSafeSuffix('ABCDEABCDEABCDE')).toBe('555');
    });

    it('normalizes 18-character Ids and accepts a lower-case suffix', () => {
        expect(normalizeId('00QEc00000BBaeXMAT')).toBe('00QEc00000BBaeXMAT');
        expect(normalizeId('00QEc00000BBaeXmat')).toBe('00QEc00000BBaeXMAT');
    });

    it('rejects malformed Ids', () => {
        expect(normalizeId('abc')).toBeNull();
        expect(normalizeId('00QEc00000BBaeX!')).toBeNull();
        expect(normalizeId('00QEc00000BBaeXAAA')).toBeNull();
        expect(normalizeId('00QEc00000BBaeXMA')).toBeNull();
        expect(isValidId('00QEc00000BBaeX')).toBe(true);
        expect(isValidId('')).toBe(false);
    });

    it('builds valid Ids with the key prefix', () => {
        const id = buildId('00Q', 'Ab', 61);
        expect(id).toHaveLength(18);
        expect(keyPrefixOf(id)).toBe('00Q');
        expect(id.slice(0, 15)).toBe('00QAb000000000z');
        expect(normalizeId(id.slice(0, 15))).toBe(id);
    });

    it('assigns stable distinct custom key prefixes', () => {
        const names = [
            { name: 'SLA_Clock__c', letter: 'a' as const },
            { name: 'SLA_Breach__c', letter: 'a' as const },
            { name: 'SLA_Policy__mdt', letter: 'm' as const }
        ];
        const first = assignCustomKeyPrefixes(names, new Set(['001']));
        const second = assignCustomKeyPrefixes([...names].reverse(), new Set(['001']));
        expect(first).toEqual(second);
        expect(new Set(first.values()).size).toBe(3);
        expect(first.get('SLA_Clock__c')).toMatch(/^a[0-9A-Za-z]{2}$/);
        expect(first.get('SLA_Policy__mdt')).toMatch(/^m[0-9A-Za-z]{2}$/);
    });

    it('moves a colliding key prefix to the next free one', () => {
        const taken = assignCustomKeyPrefixes([{ name: 'X__c', letter: 'a' }], new Set());
        const prefix = taken.get('X__c') ?? '';
        const moved = assignCustomKeyPrefixes([{ name: 'X__c', letter: 'a' }], new Set([prefix]));
        expect(moved.get('X__c')).not.toBe(prefix);
    });
});
