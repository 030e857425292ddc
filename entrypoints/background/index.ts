/**
 * The background: the only place that holds the API key and talks to intervals.icu. `main` registers every listener
 * synchronously, so a service worker woken by a message or an install event finds its listener in place.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { setupCommands } from '~/entrypoints/background/services/commands';
import { createServices } from '~/entrypoints/background/services/context';
import { setupFirstRun } from '~/entrypoints/background/services/first-run';
import { createHandlers, setupMessaging } from '~/entrypoints/background/services/messaging';
import { setupTabPages } from '~/entrypoints/background/services/pages';
import { setupWellness } from '~/entrypoints/background/wellness/setup';

export default defineBackground({
  main() {
    const services = createServices();
    setupMessaging(createHandlers(services));
    setupCommands(services);
    setupFirstRun();
    setupTabPages();
    setupWellness(services);
  },
});
