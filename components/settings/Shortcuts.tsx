/**
 * "Keyboard shortcuts": every command in the manifest with its current binding (the user may have changed it), and
 * where to change them: Chrome and Firefox keep shortcuts in their own settings pages, not in the extension.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

interface Shortcut {
  name: string;
  description: string;
  keys: string;
}

const isFirefox = () => typeof navigator !== 'undefined' && /firefox/i.test(navigator.userAgent);

async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (commands.openShortcutSettings) return commands.openShortcutSettings(); // Firefox 137+
  if (!isFirefox()) await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

export function Shortcuts() {
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);

  useEffect(() => {
    browser.commands
      .getAll()
      .then((commands) =>
        setShortcuts(
          commands.map((c) => ({
            name: c.name ?? '',
            description: c.name === '_execute_action' ? 'Open the companion popup' : (c.description ?? c.name ?? ''),
            keys: c.shortcut ?? '',
          })),
        ),
      )
      .catch(() => setShortcuts([]));
  }, []);

  const where = isFirefox()
    ? 'Change them in Firefox: Add-ons and themes (about:addons) → the gear menu → Manage Extension Shortcuts.'
    : 'Change them in Chrome: chrome://extensions/shortcuts (Extensions → Keyboard shortcuts).';

  return (
    <section class="shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      {shortcuts === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <table class="shortcut-table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Shortcut</th>
            </tr>
          </thead>
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.name} data-command={s.name}>
                <td>{s.description}</td>
                <td>{s.keys ? <kbd>{s.keys}</kbd> : <span class="muted">Not set</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="help">
        {where}{' '}
        <button type="button" class="btn btn-small" onClick={() => void openShortcutSettings()}>
          Open shortcut settings
        </button>
      </p>
    </section>
  );
}
