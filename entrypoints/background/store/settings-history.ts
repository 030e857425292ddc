/**
 * The training settings history: the last `SETTINGS_HISTORY_LIMIT` sport settings changes intervals.icu confirmed,
 * each with the values it replaced, so "Undo" can put them back (DB v3).
 */
import type { SettingsChange } from '~/lib/training/views';
import { historyLog } from './history';

export const SETTINGS_HISTORY_LIMIT = 30;

export const settingsHistory = historyLog('settingsHistory', SETTINGS_HISTORY_LIMIT);

export type { SettingsChange };
