/**
 * The background's one message listener. It answers only this extension's own pages and content scripts, and only
 * envelopes of the protocol in lib/messages.ts; everything else is ignored (no reply). Every answer is a `Reply`:
 * `{ ok: true, value }` or `{ ok: false, error: ErrorInfo }`. Errors the services did not anticipate become a generic
 * 'invalid' with a safe message, so nothing internal (let alone the key) leaks into a reply.
 */
import { type Browser, browser } from 'wxt/browser';
import { IcuError } from '~/lib/api/errors';
import {
  type Envelope,
  type Handlers,
  isEnvelope,
  type MessageType,
  type ProtocolMap,
  type Reply,
  replyingListener,
} from '~/lib/messages';
import { bulkLock, previewBulkLock } from '../wellness/bulk-lock';
import {
  discardPending,
  getWellnessDay,
  listPendingWellness,
  retryPending,
  saveWellness,
  setWellnessLock,
} from '../wellness/handlers';
import { listWellnessHistory, undoWellness } from '../wellness/undo';
import { chooseAthlete, getAthletes } from './athletes';
import { runCommandForTab } from './commands';
import { connect, forgetKey, getConnection } from './connection';
import type { Services } from './context';
import { getActivitySummary, getDashboard } from './dashboard';
import { getExportData, listActivitiesForExport } from './export';
import { getTabPage, rememberTabPage } from './pages';
import { downloadPlanFiles, downloadWorkout, getPlan, getPlannedWorkout } from './plan';
import { getRosterLoads, getRosterRow } from './roster';
import { applySportSettings, getTraining, listSettingsHistory, saveSportSettings, undoSportSettings } from './training';
import { importPlan, uploadActivityFile } from './uploads';
import { getActivityVo2max, getVo2max, getVo2maxTrend } from './vo2max';

export function createHandlers(services: Services): Handlers {
  return {
    getConnection: () => getConnection(),
    connect: (request) => connect(services, request),
    forgetKey: () => forgetKey(),
    getDashboard: (request) => getDashboard(services, request),
    pageChanged: (request, sender) => rememberTabPage(sender, request.route),
    getTabPage: (request) => getTabPage(request.tabId),
    runCommand: (request) => runCommandForTab(services, request),
    getExportData: (request) => getExportData(services, request),
    listActivitiesForExport: (request) => listActivitiesForExport(services, request),
    getActivitySummary: (request) => getActivitySummary(services, request),
    getVo2max: (request) => getVo2max(services, request),
    getVo2maxTrend: () => getVo2maxTrend(services),
    getActivityVo2max: (request) => getActivityVo2max(services, request),
    getWellnessDay: (request) => getWellnessDay(services, request),
    saveWellness: (request) => saveWellness(services, request),
    setWellnessLock: (request) => setWellnessLock(services, request),
    previewBulkLock: (request) => previewBulkLock(services, request),
    bulkLock: (request) => bulkLock(services, request),
    listPendingWellness: () => listPendingWellness(),
    retryPending: (request) => retryPending(services, request ?? {}),
    discardPending: (request) => discardPending(services, request),
    listWellnessHistory: () => listWellnessHistory(),
    undoWellness: (request) => undoWellness(services, request),
    getTraining: (request) => getTraining(services, request),
    saveSportSettings: (request) => saveSportSettings(services, request),
    applySportSettings: (request) => applySportSettings(services, request),
    listSettingsHistory: () => listSettingsHistory(),
    undoSportSettings: (request) => undoSportSettings(services, request),
    getPlan: (request) => getPlan(services, request),
    getPlannedWorkout: (request) => getPlannedWorkout(services, request),
    downloadWorkout: (request) => downloadWorkout(services, request),
    downloadPlanFiles: (request) => downloadPlanFiles(services, request),
    uploadActivityFile: (request) => uploadActivityFile(services, request),
    importPlan: (request) => importPlan(services, request),
    getAthletes: (request) => getAthletes(services, request),
    chooseAthlete: (request) => chooseAthlete(services, request),
    getRosterRow: (request) => getRosterRow(services, request),
    getRosterLoads: () => getRosterLoads(services),
  };
}

/**
 * Messages that change which account the extension uses, an athlete's training settings, or add to their activities
 * and calendar, are accepted only from extension pages (popup, options, upload), not from content scripts, which live
 * inside web pages.
 */
const EXTENSION_PAGES_ONLY: ReadonlySet<MessageType> = new Set<MessageType>([
  'connect',
  'forgetKey',
  'runCommand',
  'saveSportSettings',
  'applySportSettings',
  'undoSportSettings',
  'uploadActivityFile',
  'importPlan',
]);

export function setupMessaging(handlers: Handlers): void {
  browser.runtime.onMessage.addListener(
    replyingListener((message, sender) => {
      if (sender.id !== browser.runtime.id || !isEnvelope(message)) return undefined;
      return keepAwakeWhile(answer(handlers, message, sender));
    }),
  );
}

/**
 * Firefox unloads an idle event page even while it is answering a message: a pending answer buys one more idle period
 * (30 s by default), then the page goes and the caller gets "Receiving end does not exist" instead of the answer. An
 * answer may rightly take longer (a request's retries and timeouts alone can take two minutes). Any extension API call
 * resets Firefox's idle timer, so while an answer is pending the background makes a cheap one every second (an add-on
 * cannot read the idle timeout; the smallest Firefox allows is 0.1 s). Chrome keeps a service worker alive while it
 * handles an event, so the Chrome build leaves this out.
 */
const KEEP_AWAKE_MS = 1000;
let answering = 0;
let keepAwakeTimer: ReturnType<typeof setInterval> | undefined;

async function keepAwakeWhile<T>(work: Promise<T>): Promise<T> {
  if (!import.meta.env.FIREFOX) return work;
  if (answering++ === 0) {
    keepAwakeTimer = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => {}), KEEP_AWAKE_MS);
  }
  try {
    return await work;
  } finally {
    if (--answering === 0) clearInterval(keepAwakeTimer);
  }
}

export async function answer(
  handlers: Handlers,
  envelope: Envelope,
  sender: Browser.runtime.MessageSender,
): Promise<Reply<ProtocolMap[MessageType]['response']>> {
  const handler = handlers[envelope.type] as
    | ((data: unknown, sender: Browser.runtime.MessageSender) => Promise<ProtocolMap[MessageType]['response']>)
    | undefined;
  if (!Object.hasOwn(handlers, envelope.type) || !handler) {
    return fail({ kind: 'invalid', message: `Unknown request "${String(envelope.type)}".` });
  }
  if (EXTENSION_PAGES_ONLY.has(envelope.type) && !isExtensionPage(sender)) {
    return fail({ kind: 'invalid', message: 'This request is accepted only from the extension’s own pages.' });
  }
  try {
    return { ok: true, value: await handler(envelope.data, sender) };
  } catch (error) {
    if (error instanceof IcuError) return { ok: false, error: error.toInfo() };
    // Name only: an unexpected error's message or stack could carry request details.
    console.error(`[icu-companion] "${envelope.type}" failed:`, error instanceof Error ? error.name : typeof error);
    return fail({ kind: 'invalid', message: 'Something went wrong inside the extension. Please try again.' });
  }
}

function fail(error: { kind: 'invalid'; message: string }): Reply<never> {
  return { ok: false, error };
}

function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}
