/**
 * The export choices shared by the popup and the bulk export page: which streams go into streams CSVs, and the
 * spreadsheet options (`;` between cells, a byte order mark). Each is a setting of its own (lib/settings.ts), saved
 * as soon as it changes and followed live, so the popup, the export page and the in-page ▾ picker always agree.
 */
import { useEffect, useState } from 'preact/hooks';
import { STREAM_CHOICES } from '~/lib/export/stream-choices';
import { type CsvDelimiter, exportBom, exportDelimiter, exportStreamsExcluded } from '~/lib/settings';

export interface ExportSettingsState {
  delimiter: CsvDelimiter;
  bom: boolean;
  excluded: string[];
}

export interface ExportSettingsApi {
  settings: ExportSettingsState | null;
  setDelimiter(value: CsvDelimiter): void;
  setBom(value: boolean): void;
  setExcluded(value: string[]): void;
}

export function useExportSettings(): ExportSettingsApi {
  const [settings, setSettings] = useState<ExportSettingsState | null>(null);
  useEffect(() => {
    let alive = true;
    void Promise.all([exportDelimiter.getValue(), exportBom.getValue(), exportStreamsExcluded.getValue()]).then(
      ([delimiter, bom, excluded]) => {
        if (alive) setSettings({ delimiter: delimiter === ';' ? ';' : ',', bom: bom === true, excluded });
      },
    );
    const update = (patch: Partial<ExportSettingsState>) => setSettings((s) => (s ? { ...s, ...patch } : s));
    const unwatch = [
      exportDelimiter.watch((delimiter) => update({ delimiter: delimiter === ';' ? ';' : ',' })),
      exportBom.watch((bom) => update({ bom: bom === true })),
      exportStreamsExcluded.watch((excluded) => update({ excluded: excluded ?? [] })),
    ];
    return () => {
      alive = false;
      for (const stop of unwatch) stop();
    };
  }, []);

  const patch = (p: Partial<ExportSettingsState>) => setSettings((s) => (s ? { ...s, ...p } : s));
  return {
    settings,
    setDelimiter(value) {
      patch({ delimiter: value });
      void exportDelimiter.setValue(value);
    },
    setBom(value) {
      patch({ bom: value });
      void exportBom.setValue(value);
    },
    setExcluded(value) {
      patch({ excluded: value });
      void exportStreamsExcluded.setValue(value);
    },
  };
}

export function StreamPicker({ api, idPrefix }: { api: ExportSettingsApi; idPrefix: string }) {
  const excluded = api.settings?.excluded ?? [];
  const toggle = (id: string, on: boolean) =>
    api.setExcluded(on ? excluded.filter((x) => x !== id) : [...excluded.filter((x) => x !== id), id]);
  return (
    <fieldset class="export-fieldset">
      <legend>Streams in streams CSVs</legend>
      <div class="export-choices">
        {STREAM_CHOICES.map((choice) => {
          const id = `${idPrefix}-stream-${choice.id}`;
          return (
            <label key={choice.id} for={id} class="export-check">
              <input
                id={id}
                type="checkbox"
                checked={!excluded.includes(choice.id)}
                disabled={!api.settings}
                onChange={(e) => toggle(choice.id, e.currentTarget.checked)}
              />
              {choice.label}
            </label>
          );
        })}
      </div>
      <p class="export-help muted">Time (seconds and h:mm:ss) is always included.</p>
    </fieldset>
  );
}

export function CsvFormatOptions({ api, idPrefix }: { api: ExportSettingsApi; idPrefix: string }) {
  const s = api.settings;
  return (
    <fieldset class="export-fieldset">
      <legend>Spreadsheet</legend>
      <label class="export-check" for={`${idPrefix}-semicolon`}>
        <input
          id={`${idPrefix}-semicolon`}
          type="checkbox"
          checked={s?.delimiter === ';'}
          disabled={!s}
          onChange={(e) => api.setDelimiter(e.currentTarget.checked ? ';' : ',')}
        />
        Semicolons between cells (;)
      </label>
      <label class="export-check" for={`${idPrefix}-bom`}>
        <input
          id={`${idPrefix}-bom`}
          type="checkbox"
          checked={s?.bom === true}
          disabled={!s}
          onChange={(e) => api.setBom(e.currentTarget.checked)}
        />
        Byte order mark (for Excel)
      </label>
      <p class="export-help muted">
        Semicolons suit spreadsheets set to a language that writes decimals with a comma. The mark makes Excel read
        accents and symbols right. Numbers always use a decimal point.
      </p>
    </fieldset>
  );
}
