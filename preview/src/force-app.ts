/**
 * Reads what the preview takes from force-app: custom label values, the FlexiPages that
 * place the components, and the property types that components declare for App
 * Builder in their `.js-meta.xml` files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

const REPEATED = new Set([
    'CustomLabels.labels',
    'FlexiPage.flexiPageRegions',
    'FlexiPage.flexiPageRegions.itemInstances',
    'FlexiPage.flexiPageRegions.itemInstances.componentInstance.componentInstanceProperties',
    'LightningComponentBundle.targetConfigs.targetConfig',
    'LightningComponentBundle.targetConfigs.targetConfig.property'
]);

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    isArray: (_name, jpath) => REPEATED.has(String(jpath))
});

function parseFile<T>(file: string, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(parser.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
        throw new Error(`${file} has an unexpected shape: ${parsed.error.message}`);
    }
    return parsed.data;
}

const labelsSchema = z.object({
    CustomLabels: z.object({
        labels: z.array(z.object({ fullName: z.string(), value: z.string() })).default([])
    })
});

/** Returns the custom label values by name; none when force-app has no labels file. */
export function readLabels(metadataDir: string): Map<string, string> {
    const file = path.join(metadataDir, 'labels', 'CustomLabels.labels-meta.xml');
    if (!existsSync(file)) {
        return new Map();
    }
    const { labels } = parseFile(file, labelsSchema).CustomLabels;
    return new Map(labels.map((label) => [label.fullName, label.value]));
}

const propertySchema = z.object({ name: z.string(), value: z.string().optional() });

const flexiPageSchema = z.object({
    FlexiPage: z.object({
        masterLabel: z.string(),
        type: z.string(),
        sobjectType: z.string().optional(),
        template: z.object({ name: z.string() }),
        flexiPageRegions: z
            .array(
                z.object({
                    name: z.string(),
                    type: z.string(),
                    itemInstances: z
                        .array(
                            z.object({
                                componentInstance: z
                                    .object({
                                        componentName: z.string(),
                                        identifier: z.string().optional(),
                                        componentInstanceProperties: z
                                            .array(propertySchema)
                                            .default([])
                                    })
                                    .optional()
                            })
                        )
                        .default([])
                })
            )
            .default([])
    })
});

/** A component placed on a FlexiPage, with the properties the page sets (as text). */
export interface PlacedComponent {
    /** `slaStatus` for a custom component, `force:detailPanel` for a standard one. */
    readonly name: string;
    readonly properties: Readonly<Record<string, string>>;
}

/** A region (or facet) of a FlexiPage and its components, in page order. */
export interface FlexiRegion {
    readonly name: string;
    /** `Region` for a region of the template, `Facet` for content of a tab or similar. */
    readonly type: string;
    readonly components: readonly PlacedComponent[];
}

export interface FlexiPage {
    /** File name without the suffix, such as `Lead_SLA_Lead_Record_Page`. */
    readonly apiName: string;
    readonly label: string;
    /** `RecordPage`, `AppPage` or `HomePage`. */
    readonly type: string;
    readonly sobjectType: string | null;
    readonly template: string;
    readonly regions: ReadonlyMap<string, FlexiRegion>;
}

const FLEXIPAGE_SUFFIX = '.flexipage-meta.xml';

function readFlexiPage(file: string): FlexiPage {
    const page = parseFile(file, flexiPageSchema).FlexiPage;
    const regions = page.flexiPageRegions.map((region) => ({
        name: region.name,
        type: region.type,
        // Field instances of Dynamic Forms carry no componentInstance; the preview lists components only.
        components: region.itemInstances.flatMap((item) =>
            item.componentInstance === undefined
                ? []
                : [
                      {
                          name: item.componentInstance.componentName,
                          properties: Object.fromEntries(
                              item.componentInstance.componentInstanceProperties.map((property) => [
                                  property.name,
                                  property.value ?? ''
                              ])
                          )
                      }
                  ]
        )
    }));
    return {
        apiName: path.basename(file, FLEXIPAGE_SUFFIX),
        label: page.masterLabel,
        type: page.type,
        sobjectType: page.sobjectType ?? null,
        template: page.template.name,
        regions: new Map(regions.map((region) => [region.name, region]))
    };
}

/** Returns every FlexiPage of force-app, sorted by file name. */
export function readFlexiPages(metadataDir: string): FlexiPage[] {
    const folder = path.join(metadataDir, 'flexipages');
    if (!existsSync(folder)) {
        return [];
    }
    return readdirSync(folder)
        .filter((name) => name.endsWith(FLEXIPAGE_SUFFIX))
        .sort()
        .map((name) => readFlexiPage(path.join(folder, name)));
}

/** Names of the custom components the pages place (standard ones have a namespace). */
export function customComponentsOf(pages: readonly FlexiPage[]): string[] {
    const names = new Set<string>();
    for (const page of pages) {
        for (const region of page.regions.values()) {
            for (const component of region.components) {
                if (!component.name.includes(':')) {
                    names.add(component.name);
                }
            }
        }
    }
    return [...names].sort();
}

const bundleMetaSchema = z.object({
    LightningComponentBundle: z.object({
        targetConfigs: z
            .object({
                targetConfig: z
                    .array(
                        z.object({
                            property: z
                                .array(z.object({ name: z.string(), type: z.string() }))
                                .default([])
                        })
                    )
                    .default([])
            })
            .optional()
    })
});

/** App Builder property types of a component (`Integer`, `Boolean`, `String`) by name. */
export function readPropertyTypes(lwcDir: string, component: string): Map<string, string> {
    const file = path.join(lwcDir, component, `${component}.js-meta.xml`);
    if (!existsSync(file)) {
        return new Map();
    }
    const configs = parseFile(file, bundleMetaSchema).LightningComponentBundle.targetConfigs;
    const types = new Map<string, string>();
    for (const config of configs?.targetConfig ?? []) {
        for (const property of config.property) {
            types.set(property.name, property.type);
        }
    }
    return types;
}

/** Converts a property value from its FlexiPage text to the type the component declares. */
export function typedProperty(type: string | undefined, text: string): string | number | boolean {
    switch (type) {
        case 'Integer': {
            const number = Number(text);
            return Number.isInteger(number) ? number : text;
        }
        case 'Boolean':
            return text === 'true';
        default:
            return text;
    }
}
