import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { validateMetadata, type CheckName, type MetadataProblem } from '../../src/metadata';
import { copyFixture, type FixtureCopy } from './fixture';

// Each validation resolves and converts a whole package with source-deploy-retrieve.
jest.setTimeout(60_000);

const FORCE_APP = join(__dirname, '..', '..', '..', 'force-app');

function describeProblems(problems: readonly MetadataProblem[], folder: string): string[] {
    return problems.map(
        (problem) => `${relative(folder, problem.file)}:${problem.line ?? '-'}: ${problem.message}`
    );
}

describe('validateMetadata on valid packages', () => {
    it('finds no problem in the fixture', async () => {
        const fixture = await copyFixture();
        try {
            const report = await validateMetadata(fixture.packageFolder);
            expect(describeProblems(report.problems, fixture.packageFolder)).toEqual([]);
            expect(report.filesChecked).toBe(23);
        } finally {
            await fixture.remove();
        }
    });

    it('finds no problem in force-app', async () => {
        const report = await validateMetadata(FORCE_APP);
        expect(describeProblems(report.problems, FORCE_APP)).toEqual([]);
        expect(report.filesChecked).toBeGreaterThan(0);
    });

    it('reports a folder without files', async () => {
        const fixture = await copyFixture();
        try {
            const emptyFolder = join(fixture.packageFolder, 'empty');
            await mkdir(emptyFolder);
            const report = await validateMetadata(emptyFolder);
            expect(report.filesChecked).toBe(0);
            expect(report.problems).toEqual([
                {
                    file: emptyFolder,
                    check: 'layout',
                    message: `no metadata files found in ${emptyFolder}`
                }
            ]);
        } finally {
            await fixture.remove();
        }
    });

    it('rejects a folder that does not exist', async () => {
        await expect(validateMetadata(join(FORCE_APP, 'no-such-folder'))).rejects.toMatchObject({
            code: 'METADATA_FOLDER_NOT_FOUND'
        });
    });
});

/** One injected fault: the edit, the file it breaks, and the expected problem. */
interface BrokenCase {
    readonly name: string;
    readonly breakFixture: (fixture: FixtureCopy) => Promise<void>;
    /** The file the problem must name, relative to `main/default/`. */
    readonly file: string;
    readonly check: CheckName;
    readonly message: RegExp;
    readonly line?: number;
}

const WIDGET_FIELDS = 'objects/Widget__c/fields';

const brokenCases: readonly BrokenCase[] = [
    {
        name: 'an unclosed tag',
        breakFixture: (f) =>
            f.replaceIn(
                `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
                '<label>Size</label>',
                '<label>Size'
            ),
        file: `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
        check: 'xml',
        message: /invalid XML: .*label/
    },
    {
        name: 'an undefined entity',
        breakFixture: (f) =>
            f.replaceIn(
                `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
                'in millimetres',
                'in&nbsp;millimetres'
            ),
        file: `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
        check: 'xml',
        message: /undefined entity/,
        line: 4
    },
    {
        name: 'text wrapped onto its own lines',
        breakFixture: (f) =>
            f.replaceIn(
                `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
                '<description>Size of the widget in millimetres.</description>',
                '<description>\n        Size of the widget in millimetres.\n    </description>'
            ),
        file: `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
        check: 'xml',
        message: /text of <description> starts or ends with a line break/,
        line: 4
    },
    {
        name: 'a field file outside fields/',
        breakFixture: (f) =>
            f.move(
                `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
                'objects/Widget__c/Size__c.field-meta.xml'
            ),
        file: 'objects/Widget__c/Size__c.field-meta.xml',
        check: 'layout',
        message: /CustomField files belong in objects\/<CustomObject>\/fields\//
    },
    {
        name: 'a field fullName that differs from the file name',
        breakFixture: (f) =>
            f.replaceIn(
                `${WIDGET_FIELDS}/Status__c.field-meta.xml`,
                '<fullName>Status__c<',
                '<fullName>Stage__c<'
            ),
        file: `${WIDGET_FIELDS}/Status__c.field-meta.xml`,
        check: 'layout',
        message: /fullName "Stage__c" does not match the file name "Status__c"/,
        line: 3
    },
    {
        name: 'an unknown metadata suffix',
        breakFixture: (f) => f.write('objects/Widget__c/Widget__c.widget-meta.xml', '<Widget/>\n'),
        file: 'objects/Widget__c/Widget__c.widget-meta.xml',
        check: 'layout',
        message: /unknown metadata suffix "\.widget-meta\.xml"/
    },
    {
        name: 'an unknown picklist value in a custom metadata record',
        breakFixture: (f) =>
            f.replaceIn(
                'customMetadata/Widget_Setting.Default.md-meta.xml',
                '>Gold<',
                '>Platinum<'
            ),
        file: 'customMetadata/Widget_Setting.Default.md-meta.xml',
        check: 'reference',
        message: /unknown picklist reference: .*"Platinum" of Widget_Setting__mdt\.Tier__c/
    },
    {
        name: 'a custom metadata value that does not fit its Number field',
        breakFixture: (f) =>
            f.replaceIn(
                'customMetadata/Widget_Setting.Default.md-meta.xml',
                '>250.0<',
                '>250000.0<'
            ),
        file: 'customMetadata/Widget_Setting.Default.md-meta.xml',
        check: 'reference',
        message: /sets Max_Size__c to "250000\.0", but the field holds at most 5 digits/
    },
    {
        name: 'a custom metadata value for a field the type lacks',
        breakFixture: (f) =>
            f.replaceIn(
                'customMetadata/Widget_Setting.Default.md-meta.xml',
                '<field>Enabled__c<',
                '<field>Active__c<'
            ),
        file: 'customMetadata/Widget_Setting.Default.md-meta.xml',
        check: 'reference',
        message: /sets Active__c, which is not a field of Widget_Setting__mdt/
    },
    {
        name: 'an ISPICKVAL value the picklist lacks',
        breakFixture: (f) =>
            f.replaceIn(
                'objects/Widget__c/validationRules/Retired_Needs_Notes.validationRule-meta.xml',
                '"Retired"',
                '"Archived"'
            ),
        file: 'objects/Widget__c/validationRules/Retired_Needs_Notes.validationRule-meta.xml',
        check: 'reference',
        message:
            /unknown picklist reference: ISPICKVAL\(Status__c, "Archived"\).*Widget__c\.Status__c/
    },
    {
        name: 'an ISPICKVAL value the Lead Status value set lacks',
        breakFixture: (f) =>
            f.replaceIn(
                'objects/Lead/validationRules/Rejected_Needs_Widget.validationRule-meta.xml',
                '"Rejected"',
                '"Declined"'
            ),
        file: 'objects/Lead/validationRules/Rejected_Needs_Widget.validationRule-meta.xml',
        check: 'reference',
        message: /unknown picklist reference: .*"Declined" of Lead\.Status/
    },
    {
        name: 'a list view filter value the picklist lacks',
        breakFixture: (f) =>
            f.replaceIn(
                'objects/Widget__c/listViews/All.listView-meta.xml',
                'Draft,Active',
                'Draft,Live'
            ),
        file: 'objects/Widget__c/listViews/All.listView-meta.xml',
        check: 'reference',
        message: /unknown picklist reference: .*"Live" of Widget__c\.Status__c/
    },
    {
        name: 'a permission set naming a missing field',
        breakFixture: (f) =>
            f.replaceIn(
                'permissionsets/Widget_User.permissionset-meta.xml',
                'Widget__c.Size__c',
                'Widget__c.Weight__c'
            ),
        file: 'permissionsets/Widget_User.permissionset-meta.xml',
        check: 'reference',
        message: /field permission names Widget__c\.Weight__c, which the package does not define/
    },
    {
        name: 'a permission set granting access to a required field',
        breakFixture: (f) =>
            f.replaceIn(
                'permissionsets/Widget_User.permissionset-meta.xml',
                'Widget__c.Size__c',
                'Widget__c.Code__c'
            ),
        file: 'permissionsets/Widget_User.permissionset-meta.xml',
        check: 'reference',
        message: /Widget__c\.Code__c, a required field/
    },
    {
        name: 'a lookup to a missing object',
        breakFixture: (f) =>
            f.replaceIn(
                'objects/Lead/fields/Favorite_Widget__c.field-meta.xml',
                '<referenceTo>Widget__c<',
                '<referenceTo>Gadget__c<'
            ),
        file: 'objects/Lead/fields/Favorite_Widget__c.field-meta.xml',
        check: 'field',
        message: /Lead\.Favorite_Widget__c: lookup to Gadget__c/
    },
    {
        name: 'a Text field longer than 255',
        breakFixture: (f) =>
            f.replaceIn(`${WIDGET_FIELDS}/Code__c.field-meta.xml`, '<length>20<', '<length>300<'),
        file: `${WIDGET_FIELDS}/Code__c.field-meta.xml`,
        check: 'field',
        message: /Text field needs <length> between 1 and 255 \(found "300"\)/
    },
    {
        name: 'a duplicate picklist value',
        breakFixture: (f) =>
            f.replaceIn(
                `${WIDGET_FIELDS}/Status__c.field-meta.xml`,
                '<valueSetDefinition>',
                '<valueSetDefinition><value><fullName>DRAFT</fullName><default>false</default><label>Draft</label></value>'
            ),
        file: `${WIDGET_FIELDS}/Status__c.field-meta.xml`,
        check: 'field',
        message: /picklist value "(DRAFT|Draft)" is defined more than once/
    },
    {
        name: 'a custom field without a description',
        breakFixture: (f) =>
            f.replaceIn(
                `${WIDGET_FIELDS}/Notes__c.field-meta.xml`,
                '<description>Free-form notes; required once the widget is retired.</description>',
                '<description />'
            ),
        file: `${WIDGET_FIELDS}/Notes__c.field-meta.xml`,
        check: 'description',
        message: /Widget__c\.Notes__c: custom field has no description/
    },
    {
        name: 'a field of an undefined object',
        breakFixture: (f) =>
            f.copy(
                `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
                'objects/Gadget__c/fields/Size__c.field-meta.xml'
            ),
        file: 'objects/Gadget__c/fields/Size__c.field-meta.xml',
        check: 'reference',
        message: /^object Gadget__c is not defined in the package and is not a standard object$/
    },
    {
        name: 'a field of an unknown standard-looking object',
        breakFixture: (f) =>
            f.copy(
                `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
                'objects/Quote/fields/Size__c.field-meta.xml'
            ),
        file: 'objects/Quote/fields/Size__c.field-meta.xml',
        check: 'reference',
        message: /^object Quote is not defined in the package and is not a standard object$/
    },
    {
        name: 'a validation rule of an undefined object',
        breakFixture: (f) =>
            f.copy(
                'objects/Lead/validationRules/Rejected_Needs_Widget.validationRule-meta.xml',
                'objects/Gadget__c/validationRules/Rejected_Needs_Widget.validationRule-meta.xml'
            ),
        file: 'objects/Gadget__c/validationRules/Rejected_Needs_Widget.validationRule-meta.xml',
        check: 'reference',
        message: /^object Gadget__c is not defined in the package and is not a standard object$/
    },
    {
        name: 'a list view of an undefined object',
        breakFixture: (f) =>
            f.copy(
                'objects/Widget__c/listViews/All.listView-meta.xml',
                'objects/Gadget__c/listViews/All.listView-meta.xml'
            ),
        file: 'objects/Gadget__c/listViews/All.listView-meta.xml',
        check: 'reference',
        message: /^object Gadget__c is not defined in the package and is not a standard object$/
    },
    {
        name: 'two fields differing only in case',
        breakFixture: (f) =>
            f.copy(
                `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
                `${WIDGET_FIELDS}/size__c.field-meta.xml`,
                '<fullName>Size__c<',
                '<fullName>size__c<'
            ),
        file: `${WIDGET_FIELDS}/size__c.field-meta.xml`,
        check: 'field',
        message: /Widget__c\.size__c: field name differs from Widget__c\.Size__c only in case/,
        line: 3
    },
    {
        name: 'two lookups sharing a relationship name',
        breakFixture: (f) =>
            f.copy(
                'objects/Lead/fields/Favorite_Widget__c.field-meta.xml',
                'objects/Lead/fields/Second_Widget__c.field-meta.xml',
                '<fullName>Favorite_Widget__c<',
                '<fullName>Second_Widget__c<'
            ),
        file: 'objects/Lead/fields/Second_Widget__c.field-meta.xml',
        check: 'field',
        message:
            /Lead\.Second_Widget__c: relationship name "Interested_Leads" is already used by Lead\.Favorite_Widget__c/,
        line: 9
    },
    {
        name: 'a line break inside a picklist label',
        breakFixture: (f) =>
            f.replaceIn(
                `${WIDGET_FIELDS}/Status__c.field-meta.xml`,
                '<label>Active</label>',
                '<label>Act\nive</label>'
            ),
        file: `${WIDGET_FIELDS}/Status__c.field-meta.xml`,
        check: 'xml',
        message: /^picklist value <label> "Act ive" contains a line break/,
        line: 20
    },
    {
        name: 'a line break inside a standard value name',
        breakFixture: (f) =>
            f.replaceIn(
                'standardValueSets/LeadStatus.standardValueSet-meta.xml',
                '<fullName>Closed - Converted</fullName>',
                '<fullName>Closed -\n            Converted</fullName>'
            ),
        file: 'standardValueSets/LeadStatus.standardValueSet-meta.xml',
        check: 'xml',
        message: /^picklist value <fullName> "Closed - Converted" contains a line break/,
        line: 17
    },
    {
        name: 'a component importing a missing label',
        breakFixture: (f) =>
            f.replaceIn('lwc/widgetTitle/widgetTitle.js', 'c.Widget_Title', 'c.Widget_Heading'),
        file: 'lwc/widgetTitle/widgetTitle.js',
        check: 'reference',
        message:
            /^component imports the custom label c\.Widget_Heading, which labels\/CustomLabels\.labels-meta\.xml does not define\. Add the label/,
        line: 2
    },
    {
        name: 'an empty field file',
        breakFixture: (f) => f.write(`${WIDGET_FIELDS}/Empty__c.field-meta.xml`, ''),
        file: `${WIDGET_FIELDS}/Empty__c.field-meta.xml`,
        check: 'sdr',
        message:
            /could not convert .*: error parsing .*Empty__c\.field-meta\.xml due to: message: Start tag expected\. line: 1 code: InvalidXml$/
    },
    {
        name: 'a line break inside a field fullName',
        breakFixture: (f) =>
            f.replaceIn(
                `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
                '<fullName>Size__c<',
                '<fullName>Size\n__c<'
            ),
        file: `${WIDGET_FIELDS}/Size__c.field-meta.xml`,
        check: 'layout',
        message: /^fullName "Size __c" does not match the file name "Size__c"/,
        line: 3
    },
    {
        name: 'a tab for a missing object',
        breakFixture: (f) =>
            f.write(
                'tabs/Gadget__c.tab-meta.xml',
                '<?xml version="1.0" encoding="UTF-8"?>\n<CustomTab xmlns="http://soap.sforce.com/2006/04/metadata">\n    <customObject>true</customObject>\n    <motif>Custom20: Airplane</motif>\n</CustomTab>\n'
            ),
        file: 'tabs/Gadget__c.tab-meta.xml',
        check: 'reference',
        message:
            /tab Gadget__c is a custom object tab, but the package does not define the object Gadget__c/
    }
];

describe('validateMetadata on a broken package', () => {
    it.each(brokenCases)('reports $name', async ({ breakFixture, file, check, message, line }) => {
        const fixture = await copyFixture();
        try {
            await breakFixture(fixture);
            const report = await validateMetadata(fixture.packageFolder);

            const brokenFile = fixture.path(file);
            const matching = report.problems.filter(
                (problem) => problem.check === check && message.test(problem.message)
            );
            expect(describeProblems(matching, fixture.packageFolder)).not.toEqual([]);
            // Each problem prints as one `path:line: message` line.
            const multiLine = report.problems.filter((problem) => /\n|\\n/.test(problem.message));
            expect(describeProblems(multiLine, fixture.packageFolder)).toEqual([]);
            // One injected fault: every problem names the broken file and nothing else.
            expect(report.problems.map((problem) => problem.file)).toEqual(
                report.problems.map(() => brokenFile)
            );
            if (line !== undefined) {
                expect(matching[0]?.line).toBe(line);
            }
        } finally {
            await fixture.remove();
        }
    });
});
