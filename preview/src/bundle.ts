/**
 * Compiles the Lightning Web Components of force-app for the browser with the LWC
 * compiler (rollup and @lwc/rollup-plugin). `c/<name>` resolves to the bundles of
 * force-app, `lightning/*` to the preview's base component stand-ins, and the
 * platform's scoped modules (`@salesforce/label`, `@salesforce/schema`) to modules
 * generated here. The components themselves are compiled as they are.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import lwc from '@lwc/rollup-plugin';
import { rollup, type Plugin } from 'rollup';
import { findProjectRoot } from '../../sync-worker/src/local-org/force-app-location';
import { getLogger } from '../../sync-worker/src/logging';

const logger = getLogger('preview.bundle');

/** Virtual module that exports the constructors of the components the pages place. */
const COMPONENTS_MODULE = 'preview:components';
const VIRTUAL_PREFIX = '\0preview:';
const LABEL_PREFIX = '@salesforce/label/';
const SCHEMA_PREFIX = '@salesforce/schema/';

/** Folder of the browser-side modules; the same from the sources and from `dist/`. */
export const CLIENT_DIR = path.join(
    findProjectRoot(__dirname) ?? process.cwd(),
    'preview',
    'client'
);

/** Sources of the bundle. */
export interface BundleSources {
    /** The `lwc` folder of force-app, with one folder per bundle. */
    lwcDir: string;
    /** Custom label values by name. */
    labels: ReadonlyMap<string, string>;
    /** Bundle names (`slaStatus`) the pages create; each must be a folder of `lwcDir`. */
    components: readonly string[];
    /** `development` keeps the engine's warnings in the browser console. */
    mode?: 'development' | 'production';
}

/** An error in compiling the components, with the message rollup or the compiler gave. */
export class BundleError extends Error {
    override readonly name = 'BundleError';
    readonly code = 'PREVIEW_BUNDLE_FAILED';
}

/** Alias records `c/<bundle>` for every bundle folder of force-app's `lwc` folder. */
function componentAliases(lwcDir: string): { name: string; path: string }[] {
    return readdirSync(lwcDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('__'))
        .map((entry) => ({
            name: `c/${entry.name}`,
            path: path.join(lwcDir, entry.name, `${entry.name}.js`)
        }))
        .filter((alias) => existsSync(alias.path));
}

function componentsModuleSource(components: readonly string[]): string {
    const imports = components.map((name, index) => `import c${index} from 'c/${name}';`);
    const entries = components.map((name, index) => `    ${JSON.stringify(name)}: c${index}`);
    return `${imports.join('\n')}\nexport const components = {\n${entries.join(',\n')}\n};\n`;
}

/** Returns `{ objectApiName, fieldApiName }` for `Object.Field` or `Object.Relation.Field`. */
function schemaModuleSource(reference: string): string {
    const [objectApiName, ...field] = reference.split('.');
    const value =
        field.length === 0 ? { objectApiName } : { objectApiName, fieldApiName: field.join('.') };
    return `export default Object.freeze(${JSON.stringify(value)});\n`;
}

/**
 * Serves the modules the platform provides at run time: custom labels from force-app,
 * schema references, and the list of components the pages create.
 */
function platformModules(sources: BundleSources): Plugin {
    return {
        name: 'preview-platform-modules',
        resolveId(source) {
            if (source === COMPONENTS_MODULE) {
                return `${VIRTUAL_PREFIX}components`;
            }
            if (source.startsWith(LABEL_PREFIX) || source.startsWith(SCHEMA_PREFIX)) {
                return `${VIRTUAL_PREFIX}${source}`;
            }
            if (source.startsWith('@salesforce/')) {
                this.error(
                    `The preview does not provide the module ${source}; only @salesforce/label and @salesforce/schema are available.`
                );
            }
            return null;
        },
        load(id) {
            if (!id.startsWith(VIRTUAL_PREFIX)) {
                return null;
            }
            const source = id.slice(VIRTUAL_PREFIX.length);
            if (source === 'components') {
                return componentsModuleSource(sources.components);
            }
            if (source.startsWith(SCHEMA_PREFIX)) {
                return schemaModuleSource(source.slice(SCHEMA_PREFIX.length));
            }
            const qualified = source.slice(LABEL_PREFIX.length);
            const [namespace, name = ''] = qualified.split('.');
            const value = namespace === 'c' ? sources.labels.get(name) : undefined;
            if (value === undefined) {
                this.error(
                    `The custom label ${qualified} is not defined in force-app's CustomLabels.labels-meta.xml.`
                );
            }
            return `export default ${JSON.stringify(value)};\n`;
        }
    };
}

/** Replaces `process.env.NODE_ENV` in the LWC engine, which reads it to pick its checks. */
function nodeEnvironment(mode: string): Plugin {
    return {
        name: 'preview-node-env',
        transform(code) {
            if (!code.includes('process.env.NODE_ENV')) {
                return null;
            }
            return {
                code: code.replaceAll('process.env.NODE_ENV', JSON.stringify(mode)),
                map: null
            };
        }
    };
}

/** Compiles the components and the preview's entry into one browser script (IIFE). */
export async function buildClientBundle(sources: BundleSources): Promise<string> {
    const started = Date.now();
    const missing = sources.components.filter(
        (name) => !existsSync(path.join(sources.lwcDir, name, `${name}.js`))
    );
    if (missing.length > 0) {
        throw new BundleError(
            `The pages place components that force-app does not have: ${missing.join(', ')}.`
        );
    }
    const mode = sources.mode ?? 'development';
    const warnings: string[] = [];
    try {
        const build = await rollup({
            input: path.join(CLIENT_DIR, 'main.js'),
            plugins: [
                platformModules(sources),
                lwc({
                    rootDir: path.join(CLIENT_DIR, 'modules'),
                    modules: [
                        ...componentAliases(sources.lwcDir),
                        { dir: path.join(CLIENT_DIR, 'modules') }
                    ]
                }),
                nodeEnvironment(mode)
            ],
            onwarn: (warning) => {
                warnings.push(warning.message);
            }
        });
        const { output } = await build.generate({ format: 'iife', name: 'leadSlaPreview' });
        await build.close();
        for (const warning of warnings) {
            logger.warn(`Compiling the components: ${warning}`);
        }
        logger.info('Compiled the components', {
            components: sources.components.length,
            ms: Date.now() - started
        });
        return output[0].code;
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new BundleError(`Compiling the components failed: ${message}`, { cause: error });
    }
}
