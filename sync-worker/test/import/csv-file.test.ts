import '../local-org/store/quiet-logs';
import path from 'node:path';
import { parseCsv, readCsvFile, rowObject } from '../../../scripts/import/csv-file';

const FIXTURES = path.join(__dirname, 'fixtures');

function parseText(text: string): ReturnType<typeof parseCsv> {
    return parseCsv('test.csv', Buffer.from(text, 'utf8'));
}

describe('parseCsv', () => {
    it('drops the byte-order mark from the first header', () => {
        const table = parseText('\ufeffId,Name\r\n1,a\r\n');
        expect(table.header).toEqual(['Id', 'Name']);
    });

    it('reads CRLF and LF files alike', () => {
        const crlf = parseText('Id,Name\r\n1,a\r\n2,b\r\n');
        const lf = parseText('Id,Name\n1,a\n2,b\n');
        expect(crlf.rows.map((row) => row.values)).toEqual([
            ['1', 'a'],
            ['2', 'b']
        ]);
        expect(lf.rows.map((row) => row.values)).toEqual(crlf.rows.map((row) => row.values));
    });

    it('keeps commas, quotes and line breaks inside quoted fields', () => {
        const table = parseText('Id,Note\r\n1,"a, b ""c""\r\nd"\r\n');
        expect(table.rows[0]?.values).toEqual(['1', 'a, b "c"\r\nd']);
    });

    it('reads an empty field as an empty string', () => {
        const table = parseText('Id,Name,Email\n1,,\n');
        expect(table.rows[0]?.values).toEqual(['1', '', '']);
    });

    it('numbers rows by the line they start on', () => {
        const table = parseText('Id,Note\r\n1,"two\r\nlines"\r\n\r\n2,x\r\n3,"a\nb\nc"\n4,y');
        expect(table.rows.map((row) => [row.values[0], row.line])).toEqual([
            ['1', 2],
            ['2', 5],
            ['3', 6],
            ['4', 9]
        ]);
    });

    it('rejects a row with the wrong number of fields and keeps the rest', () => {
        const table = parseText('Id,Name\n1,a\n2\n3,c,extra\n4,d\n');
        expect(table.rows.map((row) => row.values[0])).toEqual(['1', '4']);
        expect(table.issues).toEqual([
            { file: 'test.csv', line: 3, reason: 'has 1 fields but the header has 2' },
            { file: 'test.csv', line: 4, reason: 'has 3 fields but the header has 2' }
        ]);
    });

    it('reports a quoting error with its line', () => {
        const table = parseText('Id,Name\n1,"bad"x\n2,ok\n');
        expect(table.issues).toHaveLength(1);
        expect(table.issues[0]?.line).toBe(2);
        expect(table.issues[0]?.reason).toMatch(/invalid CSV: Invalid Closing Quote/);
        expect(table.rows.map((row) => row.values)).toEqual([['2', 'ok']]);
    });

    it('reports an empty file', () => {
        const table = parseText('');
        expect(table.header).toEqual([]);
        expect(table.issues).toEqual([{ file: 'test.csv', line: 1, reason: 'no header' }]);
    });
});

describe('readCsvFile', () => {
    it('reads a fixture with a byte-order mark, CRLF and a quoted line break', () => {
        const table = readCsvFile(path.join(FIXTURES, 'export', 'Lead.csv'));
        expect(table.file).toBe('Lead.csv');
        expect(table.header[0]).toBe('Id');
        const second = table.rows[1];
        expect(second).toBeDefined();
        if (second === undefined) {
            return;
        }
        expect(second.line).toBe(3);
        expect(rowObject(table, second).Description).toBe('Met at a fair\r\nwants pricing');
        expect(rowObject(table, second).Company).toBe('Stone, Bell & Co');
        // The row after the two-line field starts two lines further down.
        expect(table.rows[2]?.line).toBe(5);
    });
});
