import '../local-org/store/quiet-logs';
import { convertValue, ValueError } from '../../../scripts/import/values';
import type { FieldDefinition, FieldType } from '../../src/schema/types';

function fieldOf(type: FieldType): FieldDefinition {
    return {
        name: 'Test__c',
        label: 'Test',
        type,
        required: false,
        nillable: true,
        unique: false,
        externalId: false,
        caseSensitive: false,
        createable: true,
        updateable: true,
        custom: true,
        calculated: false,
        autoNumber: false,
        restrictedPicklist: false
    };
}

describe('convertValue', () => {
    it('reads empty text as null for every type', () => {
        for (const type of ['string', 'boolean', 'double', 'date', 'datetime'] as const) {
            expect(convertValue(fieldOf(type), '')).toBeNull();
            expect(convertValue(fieldOf(type), '  ')).toBeNull();
        }
    });

    it.each([
        ['true', true],
        ['TRUE', true],
        ['1', true],
        ['yes', true],
        ['false', false],
        ['0', false],
        ['No', false]
    ])('reads the checkbox value %s', (text, expected) => {
        expect(convertValue(fieldOf('boolean'), text)).toBe(expected);
    });

    it('rejects a checkbox value that is not one', () => {
        expect(() => convertValue(fieldOf('boolean'), 'maybe')).toThrow(ValueError);
    });

    it('reads numbers with a decimal point and an exponent', () => {
        expect(convertValue(fieldOf('currency'), '1250000.50')).toBe(1250000.5);
        expect(convertValue(fieldOf('double'), '-3')).toBe(-3);
        expect(convertValue(fieldOf('double'), '1e3')).toBe(1000);
        expect(convertValue(fieldOf('percent'), '12.5%')).toBe(12.5);
    });

    it('rejects numbers with separators or words', () => {
        expect(() => convertValue(fieldOf('currency'), '1,250')).toThrow(/is not a number/);
        expect(() => convertValue(fieldOf('int'), 'lots')).toThrow(/"lots" is not a number/);
    });

    it('reads ISO and US dates', () => {
        expect(convertValue(fieldOf('date'), '2024-01-22')).toBe('2024-01-22');
        expect(convertValue(fieldOf('date'), '3/14/1990')).toBe('1990-03-14');
        expect(convertValue(fieldOf('date'), '2024-01-22T23:30:00.000+0000')).toBe('2024-01-22');
    });

    it('rejects impossible dates', () => {
        expect(() => convertValue(fieldOf('date'), '31/12/2017')).toThrow(/is not a date/);
        expect(() => convertValue(fieldOf('date'), '2024-02-30')).toThrow(/is not a date/);
    });

    it.each([
        ['2024-01-22T20:36:47.000+0000', '2024-01-22T20:36:47.000Z'],
        ['2024-01-22T20:36:47.000Z', '2024-01-22T20:36:47.000Z'],
        ['2024-01-22T15:36:47-05:00', '2024-01-22T20:36:47.000Z'],
        ['2024-01-22 20:36:47', '2024-01-22T20:36:47.000Z'],
        ['2024-01-22', '2024-01-22T00:00:00.000Z'],
        ['1/22/2024 8:36 PM', '2024-01-22T20:36:00.000Z'],
        ['1/22/2024 12:05 AM', '2024-01-22T00:05:00.000Z'],
        ['1/22/2024 14:00', '2024-01-22T14:00:00.000Z']
    ])('reads the datetime %s', (text, expected) => {
        expect(convertValue(fieldOf('datetime'), text)).toBe(expected);
    });

    it('rejects a datetime in words', () => {
        expect(() => convertValue(fieldOf('datetime'), 'yesterday')).toThrow(/is not a datetime/);
    });

    it('keeps text as it is, spaces included', () => {
        expect(convertValue(fieldOf('textarea'), ' two\r\nlines ')).toBe(' two\r\nlines ');
    });
});
