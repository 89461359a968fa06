// The browser the end-to-end tests drive: the system Chromium (or POM_CHROMIUM), headless, without a sandbox.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.POM_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
    return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', ...extraArgs] });
}
