/**
 * Keyboard shortcuts (the manifest's `commands`). Each command's handler lives with its feature and is listed here;
 * the browser passes the active tab, whose intervals.icu page the content script has reported (pages.ts),
 * so "export this activity" needs no `tabs` permission. `_execute_action` (open the popup) is handled by the browser.
 */
import { type Browser, browser } from 'wxt/browser';
import { IcuError } from '~/lib/api/errors';
import { wellnessCommands } from '../wellness/commands';
import type { Services } from './context';
import { exportCommandHandlers } from './export';
import { openPopupOn, showBadge } from './feedback';

export type CommandHandler = (services: Services, tab: Browser.tabs.Tab | undefined) => Promise<void>;

/** Command name (as in wxt.config.ts) → what it does. */
export function createCommandHandlers(): Record<string, CommandHandler> {
  return {
    ...exportCommandHandlers(),
    ...wellnessCommands,
    // The popup opens on the Plan section, saves today's workout in the default format and says which (or why not).
    'download-todays-workout': () => openPopupOn('plan-today'),
  };
}

/** Runs a command by name for a tab; errors propagate to the caller (the message handler explains them). */
export async function runCommand(
  handlers: Record<string, CommandHandler>,
  services: Services,
  command: string,
  tab: Browser.tabs.Tab | undefined,
): Promise<void> {
  const handler = handlers[command];
  if (!handler) throw new IcuError({ kind: 'invalid', message: `Unknown shortcut "${command}".` });
  try {
    await handler(services, tab);
  } catch (error) {
    // Visible wherever the shortcut was pressed: e.g. an export shortcut on a page that shows no activity says so.
    // (lock-today has already put its own outcome on the badge.)
    if (command !== 'lock-today') {
      await showBadge('failed', error instanceof IcuError ? error.message : 'The shortcut failed: please try again.');
    }
    throw error;
  }
}

/** The `runCommand` message: the same handlers, for a tab named by id. */
export async function runCommandForTab(services: Services, request: { command: string; tabId?: number }) {
  const tab = request.tabId === undefined ? undefined : await browser.tabs.get(request.tabId);
  await runCommand(createCommandHandlers(), services, request.command, tab);
  return null;
}

/** Registered synchronously by the background's main. */
export function setupCommands(services: Services): void {
  const handlers = createCommandHandlers();
  browser.commands?.onCommand.addListener((command, tab) => {
    runCommand(handlers, services, command, tab).catch((error) => {
      console.error(
        `[icu-companion] shortcut "${command}" failed:`,
        error instanceof Error ? error.name : typeof error,
      );
    });
  });
}
