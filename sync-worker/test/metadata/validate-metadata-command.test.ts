import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { main } from '../../src/cli/main';
import { formatReport } from '../../src/cli/commands/validate-metadata';
import { copyFixture, type FixtureCopy } from './fixture';

jest.setTimeout(60_000);

describe('lead-sla validate-metadata', () => {
    let fixture: FixtureCopy;
    let output: string;

    beforeEach(async () => {
        fixture = await copyFixture();
        output = '';
        jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
            output += chunk.toString();
            return true;
        });
    });

    afterEach(async () => {
        jest.restoreAllMocks();
        // The command reports failure through process.exitCode; keep it from ending Jest with 1.
        process.exitCode = undefined;
        await fixture.remove();
    });

    it('exits 0 and prints a summary for a valid package', async () => {
        const exitCode = await main([
            'node',
            'lead-sla',
            'validate-metadata',
            fixture.packageFolder
        ]);

        expect(exitCode).toBe(0);
        expect(output).toMatch(
            /^No problems found: 23 files checked in .*widget-app; the package converts with 11 metadata types\.\n$/
        );
    });

    it('prints path:line: message and exits 1 for a broken package', async () => {
        const file = 'objects/Widget__c/fields/Status__c.field-meta.xml';
        await fixture.replaceIn(file, '<fullName>Status__c<', '<fullName>Stage__c<');

        const exitCode = await main([
            'node',
            'lead-sla',
            'validate-metadata',
            fixture.packageFolder
        ]);

        expect(exitCode).toBe(1);
        const [problemLine, summary] = output.trimEnd().split('\n');
        expect(problemLine).toBe(
            `${relative(process.cwd(), fixture.path(file))}:3: fullName "Stage__c" does not match the file name "Status__c"; rename the file or fix <fullName>`
        );
        expect(summary).toMatch(/^1 problem in 1 file: 23 files checked in /);
    });

    it('exits 1 for a folder without files', async () => {
        const emptyFolder = join(fixture.packageFolder, 'empty');
        await mkdir(emptyFolder);

        const exitCode = await main(['node', 'lead-sla', 'validate-metadata', emptyFolder]);

        expect(exitCode).toBe(1);
        const [problemLine] = output.split('\n');
        expect(problemLine).toBe(
            `${relative(process.cwd(), emptyFolder)}: no metadata files found in ${emptyFolder}`
        );
    });
});

describe('formatReport', () => {
    it('prints paths relative to the working directory, without a line when unknown', () => {
        const text = formatReport(
            {
                folder: '/work/app',
                filesChecked: 3,
                problems: [
                    {
                        file: '/work/app/a.xml',
                        line: 7,
                        check: 'xml',
                        message: 'invalid XML: broken'
                    },
                    {
                        file: '/work/app',
                        check: 'sdr',
                        message: 'the converted package.xml does not list the type X'
                    }
                ],
                sourceTypes: ['X'],
                packageTypes: []
            },
            '/work'
        );
        expect(text).toBe(
            [
                'app/a.xml:7: invalid XML: broken',
                'app: the converted package.xml does not list the type X',
                '2 problems in 2 files: 3 files checked in app.',
                ''
            ].join('\n')
        );
    });
});
