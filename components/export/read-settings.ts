/** The saved export settings in one read, for surfaces that build CSV files (popup, export page, content script). */
import type { CsvOptions } from '~/lib/export/csv';
import { exportBom, exportDelimiter, exportStreamsExcluded } from '~/lib/settings';

export interface ExportSettings {
  csv: CsvOptions;
  /** Stream choices left out of streams CSVs. */
  excludedStreams: string[];
}

export async function readExportSettings(): Promise<ExportSettings> {
  const [delimiter, bom, excluded] = await Promise.all([
    exportDelimiter.getValue(),
    exportBom.getValue(),
    exportStreamsExcluded.getValue(),
  ]);
  return {
    csv: { delimiter: delimiter === ';' ? ';' : ',', bom: bom === true },
    excludedStreams: Array.isArray(excluded) ? excluded.filter((s) => typeof s === 'string') : [],
  };
}
