/**
 * Headless Chromium for the preview tests: Debian's `chromium` package driven by
 * playwright-core, which downloads no browser of its own.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Chromium executable; CHROMIUM_PATH overrides Debian's location. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Chromium, or fails with what to install. */
export async function launchChromium(): Promise<Browser> {
    if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(
            `Chromium was not found at ${CHROMIUM_PATH}. Install the Debian package "chromium" (listed in .ci/apt-packages: sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome executable.`
        );
    }
    return chromium.launch({ executablePath: CHROMIUM_PATH });
}

/** Messages of uncaught page errors and console errors, collected while a page is open. */
export function collectPageErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
        if (message.type() === 'error') {
            errors.push(`console error: ${message.text()}`);
        }
    });
    return errors;
}
