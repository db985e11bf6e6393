'use strict';

const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const lwcConfig = require('@salesforce/eslint-config-lwc');
const jestPlugin = require('eslint-plugin-jest');
const globals = require('globals');

// The preview's browser modules are LWC modules too: base component stand-ins and wire adapters.
const LWC_FILES = ['force-app/**/lwc/**/*.js', 'preview/client/modules/**/*.js'];
const LWC_TEST_FILES = ['force-app/**/lwc/**/__tests__/**/*.js'];

module.exports = tseslint.config(
    {
        ignores: [
            'node_modules/**',
            'dist/**',
            'coverage/**',
            '.local-org/**',
            'force-app/main/default/staticresources/**'
        ]
    },

    // The worker, the scripts and the preview server: strict, type-aware TypeScript.
    {
        files: ['sync-worker/**/*.ts', 'scripts/**/*.ts', 'preview/**/*.ts'],
        extends: [
            js.configs.recommended,
            ...tseslint.configs.strictTypeChecked,
            ...tseslint.configs.stylisticTypeChecked
        ],
        languageOptions: {
            parserOptions: {
                projectService: true,
                tsconfigRootDir: __dirname
            }
        },
        rules: {
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/restrict-template-expressions': [
                'error',
                { allowNumber: true, allowBoolean: true }
            ],
            '@typescript-eslint/no-unused-vars': [
                'error',
                { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
            ]
        }
    },

    // Plain Node.js files: configs, the command-line entry point.
    {
        files: ['*.js', 'sync-worker/bin/**/*.js', 'scripts/**/*.js', 'force-app/test/*.js'],
        extends: [js.configs.recommended],
        languageOptions: {
            sourceType: 'commonjs',
            globals: { ...globals.node }
        }
    },

    // Lightning Web Components.
    ...lwcConfig.configs.recommended.map((config) => ({
        ...config,
        files: LWC_FILES
    })),
    // The preview's page script creates the components and so queries the document.
    {
        files: ['preview/client/main.js'],
        extends: [js.configs.recommended],
        languageOptions: { sourceType: 'module', globals: { ...globals.browser } }
    },
    {
        files: ['force-app/test/lwc-test-utils.js'],
        languageOptions: { sourceType: 'module', globals: { ...globals.browser } }
    },
    {
        files: LWC_TEST_FILES,
        plugins: { jest: jestPlugin },
        languageOptions: { globals: { ...globals.node, ...globals.jest } },
        rules: {
            ...jestPlugin.configs['flat/recommended'].rules,
            // Tests drive wire adapters with `adapter.emit()`, which the rule rejects.
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
        }
    }
);
