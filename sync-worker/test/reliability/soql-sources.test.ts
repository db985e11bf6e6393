/**
 * Every SOQL text of the worker is either composed by the builder or a constant: this
 * test parses the worker's sources with the TypeScript compiler and fails on a query
 * text that splices in anything but an UPPER_CASE module constant. The local org is
 * left out because it is the server side: it parses SOQL, and its few internal queries
 * escape their values with its own quoting.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

/** Folders whose code sends SOQL to an org. */
const SCANNED = ['sync-worker/src', 'scripts/import'];

/** The builder itself, and the server side of the local org. */
const SKIPPED = ['sync-worker/src/salesforce/soql.ts', 'sync-worker/src/local-org'];

const SOQL_TEXT = /\bSELECT\b[\s\S]*\bFROM\b/;
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

function sourceFiles(folder: string): string[] {
    const files: string[] = [];
    for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
        const path = `${folder}/${entry.name}`;
        if (SKIPPED.some((skipped) => path === skipped || path.startsWith(`${skipped}/`))) {
            continue;
        }
        if (entry.isDirectory()) {
            files.push(...sourceFiles(path));
        } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
            files.push(path);
        }
    }
    return files;
}

/** Text of a string or template part, when the node is one. */
function literalText(node: ts.Node): string | undefined {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        return node.text;
    }
    if (ts.isTemplateExpression(node)) {
        return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    }
    return undefined;
}

/** Places where a query text takes a value that is not a constant, as `file:line: code`. */
function splicedQueriesIn(file: string, text: string): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const findings: string[] = [];
    const report = (node: ts.Node): void => {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        findings.push(`${file}:${line + 1}: ${node.getText(source)}`);
    };
    const visit = (node: ts.Node): void => {
        if (ts.isTemplateExpression(node) && SOQL_TEXT.test(literalText(node) ?? '')) {
            const spliced = node.templateSpans.filter(
                (span) =>
                    !(ts.isIdentifier(span.expression) && CONSTANT_NAME.test(span.expression.text))
            );
            if (spliced.length > 0) {
                report(node);
            }
        }
        if (
            ts.isBinaryExpression(node) &&
            node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
            [node.left, node.right].some((side) => /\bSELECT\b/.test(literalText(side) ?? ''))
        ) {
            report(node);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return findings;
}

function splicedQueries(file: string): string[] {
    return splicedQueriesIn(file, readFileSync(join(ROOT, file), 'utf8'));
}

describe('SOQL in the worker sources', () => {
    const files = SCANNED.flatMap(sourceFiles);

    it('scans the query modules', () => {
        expect(files).toContain('sync-worker/src/sync/queries.ts');
        expect(files).toContain('sync-worker/src/report/sections.ts');
        expect(files).not.toContain('sync-worker/src/salesforce/soql.ts');
    });

    it('splices no value into a query text', () => {
        expect(files.flatMap(splicedQueries)).toEqual([]);
    });

    it.each([
        ['a variable in a template', "`SELECT Id FROM User WHERE Username = '${name}'`", 1],
        ['a call in a template', '`SELECT ${fields.join(", ")} FROM Lead`', 1],
        ['a concatenated value', "'SELECT Id FROM Lead WHERE Company = ' + company", 1],
        ['a module constant', '`SELECT Id FROM SLA_Clock__c WHERE ${OPEN_CLOCK_FILTER}`', 0],
        ['a constant query', "'SELECT Id FROM Lead'", 0]
    ])('counts %s', (_case, code, findings) => {
        expect(splicedQueriesIn('probe.ts', `const soql = ${code};`)).toHaveLength(findings);
    });
});
