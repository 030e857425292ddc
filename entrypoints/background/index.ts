/**
 * The background: the only place that holds the API key and talks to intervals.icu. `main` registers every listener
 * synchronously, so a service worker woken by a message or an install event finds its listener in place.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { setupCommands } from '~/lib/services/commands';
import { createServices } from '~/lib/services/context';
import { setupFirstRun } from '~/lib/services/first-run';
import { createHandlers, setupMessaging } from '~/lib/services/messaging';
import { setupTabPages } from '~/lib/services/pages';
import { setupWellness } from '~/lib/services/wellness';

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
