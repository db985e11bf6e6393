import { CsvFormatError, parseCsvRecords } from '../../src/salesforce';
import { parseCsvRows } from '../../src/salesforce/csv';

describe('parseCsvRecords', () => {
    it('keys values by header', () => {
        expect(parseCsvRecords('Id,Name\n001,Acme\n002,Globex\n')).toEqual([
            { Id: '001', Name: 'Acme' },
            { Id: '002', Name: 'Globex' }
        ]);
    });

    it('keeps semicolons, pipes and tabs inside values', () => {
        expect(parseCsvRecords('Id,Name\n001,a;b|c\td\n')).toEqual([
            { Id: '001', Name: 'a;b|c\td' }
        ]);
    });

    it('reads quoted commas, quotes and line breaks', () => {
        const text = 'Id,Description\n001,"Line one\nline two, with ""quotes"""\n002,""\n';
        expect(parseCsvRecords(text)).toEqual([
            { Id: '001', Description: 'Line one\nline two, with "quotes"' },
            { Id: '002', Description: '' }
        ]);
    });

    it('accepts CRLF line endings and a missing final line break', () => {
        expect(parseCsvRecords('Id,Name\r\n001,Acme\r\n002,')).toEqual([
            { Id: '001', Name: 'Acme' },
            { Id: '002', Name: '' }
        ]);
    });

    it('returns nothing for an empty text', () => {
        expect(parseCsvRecords('')).toEqual([]);
        expect(parseCsvRecords('Id,Name\n')).toEqual([]);
    });

    it('rejects a row with the wrong number of fields', () => {
        const parse = (): unknown => parseCsvRecords('Id,Name\n001,Acme,extra\n');

        expect(parse).toThrow(CsvFormatError);
        expect(parse).toThrow(/columns length is 2, got 3 on line 2/);
    });

    it('rejects an unclosed quote', () => {
        expect(() => parseCsvRows('Id,Name\n001,"Acme\n')).toThrow(CsvFormatError);
    });

    it('rejects a stray quote in an unquoted field', () => {
        const parse = (): unknown => parseCsvRows('Id,Name\n001,Ac"me\n');

        expect(parse).toThrow(CsvFormatError);
        expect(parse).toThrow(/quote .* at line 2/);
    });
});
