import { CsvReader, CsvSyntaxError, csvRow } from '../../../src/local-org/server/bulk/csv';

function readAll(text: string, delimiter = ','): string[][] {
    const reader = new CsvReader(text, delimiter);
    const rows: string[][] = [];
    for (let row = reader.next(); row !== undefined; row = reader.next()) {
        rows.push(row);
    }
    return rows;
}

describe('CsvReader', () => {
    it('reads quoted fields with delimiters, quotes and line breaks', () => {
        const text = 'Name,Description\r\n"Acme, Inc.","He said ""hi""\nthen left"\nPlain,\n';
        expect(readAll(text)).toEqual([
            ['Name', 'Description'],
            ['Acme, Inc.', 'He said "hi"\nthen left'],
            ['Plain', '']
        ]);
    });

    it('honours other delimiters and skips a byte-order mark', () => {
        expect(readAll('\uFEFFa|b\n1|2', '|')).toEqual([
            ['a', 'b'],
            ['1', '2']
        ]);
    });

    it('returns the unread rest', () => {
        const reader = new CsvReader('h\n1\n2\n', ',');
        reader.next();
        reader.next();
        expect(reader.rest()).toBe('2\n');
    });

    it('rejects an unterminated quote', () => {
        expect(() => readAll('a\n"open')).toThrow(CsvSyntaxError);
    });

    it('rejects text after a closing quote', () => {
        expect(() => readAll('a,b\n"x"y,z\n')).toThrow(
            'Unexpected text after a closing quote (line 2)'
        );
    });
});

describe('csvRow', () => {
    it('quotes non-empty fields and doubles quotes', () => {
        expect(csvRow(['a', '', 'say "x"'], ',', '\n')).toBe('"a",,"say ""x"""\n');
    });

    it('round-trips through the reader', () => {
        const values = ['x,y', 'line\nbreak', '"quoted"', 'plain'];
        expect(readAll(csvRow(values, ',', '\r\n'))).toEqual([values]);
    });
});
