/**
 * The popup's Training card: the season line, then one sport at a time (Ride, Run, Swim… as the athlete has settings
 * for them) with FTP, indoor FTP, W′, LTHR, max HR and threshold pace in the sport's own pace unit, intervals.icu's
 * eFTP beside them with "Use eFTP as FTP", an edit form checked before anything is sent, "Also apply to past
 * activities" behind a confirmation, and the history of changes with Undo. Every write is read back by the background.
 */
import { useState } from 'preact/hooks';
import { ErrorNotice } from '~/components/common/ErrorNotice';
import { Section } from '~/components/common/Section';
import { type Source, useCachedThenFresh } from '~/components/common/use-cached-then-fresh';
import { formatAgo } from '~/components/format';
import { errorInfoOf, explainError } from '~/lib/api/explain-error';
import { sendMessage } from '~/lib/messages';
import { paceUnitLabel } from '~/lib/training/pace';
import { type SportSettingsView, settingText, TRAINING_LABELS, type TrainingPatch } from '~/lib/training/settings';
import type { SaveSettingsResult, TrainingOverview } from '~/lib/training/views';
import { SeasonLine } from './SeasonLine';
import { SettingsForm } from './SettingsForm';
import { SettingsHistory } from './SettingsHistory';
import './training.css';

export type Status = { tone: 'ok' | 'bad' | 'busy'; text: string } | null;

/** What a write's answer means, in words. */
export function writeStatus(result: SaveSettingsResult, done = 'Saved to intervals.icu ✓'): Status {
  if (result.unconfirmed.length > 0) {
    const names = result.unconfirmed.map((k) => TRAINING_LABELS[k as keyof typeof TRAINING_LABELS] ?? k).join(', ');
    return { tone: 'bad', text: `intervals.icu did not take: ${names}. It holds the values shown.` };
  }
  if (result.changedOther.length > 0) {
    return { tone: 'bad', text: `Saved, but intervals.icu also changed: ${result.changedOther.join(', ')}.` };
  }
  return { tone: 'ok', text: result.mergedWrite ? `${done} (the whole record was written)` : done };
}

/** The server's own words for a refused write, else the plain-words title. */
export function failureStatus(error: unknown, what: string): Status {
  const info = errorInfoOf(error);
  const text = info.kind === 'invalid' || info.kind === 'not-found' ? info.message : explainError(info).title;
  return { tone: 'bad', text: `${what}: ${text}` };
}

const askTraining = (request: Source) => sendMessage('getTraining', request);

export function TrainingCard() {
  const {
    value: overview,
    setValue: setOverview,
    loading,
    error,
    reload: load,
  } = useCachedThenFresh<TrainingOverview>(askTraining);
  const [sportId, setSportId] = useState<number | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [editing, setEditing] = useState(false);
  const [confirmApply, setConfirmApply] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);

  const sports = overview?.sports ?? [];
  const sport = sports.find((s) => s.id === sportId) ?? sports[0] ?? null;

  /** A write's read-back goes into the overview shown, so the card never asks again. */
  const applyResult = (result: SaveSettingsResult) => {
    setOverview((o) =>
      o ? { ...o, sports: o.sports.map((s) => (s.id === result.settings.id ? result.settings : s)) } : o,
    );
    setHistoryVersion((v) => v + 1);
  };

  const save = async (patch: TrainingPatch, recalcHrZones: boolean, done?: string): Promise<boolean> => {
    if (!sport) return false;
    setStatus({ tone: 'busy', text: 'Saving…' });
    try {
      const result = await sendMessage('saveSportSettings', { settingsId: sport.id, patch, recalcHrZones });
      applyResult(result);
      setStatus(writeStatus(result, done));
      return result.unconfirmed.length === 0;
    } catch (e) {
      setStatus(failureStatus(e, 'Not saved'));
      return false;
    }
  };

  const apply = async () => {
    if (!sport) return;
    setConfirmApply(false);
    setStatus({ tone: 'busy', text: 'Asking intervals.icu to apply…' });
    try {
      await sendMessage('applySportSettings', { settingsId: sport.id });
      setStatus({
        tone: 'ok',
        text: `intervals.icu is applying the ${sportName(sport)} settings to past activities (it takes a while there).`,
      });
    } catch (e) {
      setStatus(failureStatus(e, 'Not applied'));
    }
  };

  return (
    <Section
      id="training"
      title="Training"
      class="training"
      aside={
        <button
          type="button"
          class="btn btn-small"
          onClick={() => void load(true)}
          disabled={loading}
          aria-label="Refresh training settings"
          title={overview ? `Updated ${formatAgo(overview.fetchedAt)}` : undefined}
        >
          {loading ? 'Updating…' : 'Refresh'}
        </button>
      }
    >
      {error ? (
        <ErrorNotice info={error} compact>
          <button type="button" class="btn btn-small" onClick={() => void load(true)}>
            Retry
          </button>
        </ErrorNotice>
      ) : null}
      {overview ? <SeasonLine season={overview.season} /> : null}
      {!overview && loading ? <p class="muted placeholder">Loading your settings…</p> : null}
      {overview && sports.length === 0 ? (
        <p class="muted">No sport settings on intervals.icu yet: add a sport under Settings → Sports there.</p>
      ) : null}
      {sport ? (
        <>
          <fieldset class="segmented t-sports">
            <legend class="visually-hidden">Sport</legend>
            {sports.map((s) => (
              <label key={s.id}>
                <input
                  type="radio"
                  name="training-sport"
                  checked={s.id === sport.id}
                  onChange={() => {
                    setSportId(s.id);
                    setEditing(false);
                    setConfirmApply(false);
                    setStatus(null);
                  }}
                />
                <span>{sportName(s)}</span>
              </label>
            ))}
          </fieldset>
          <SportFigures sport={sport} />
          <Estimate sport={sport} onUse={(eftp) => void save({ ftp: eftp }, false, `FTP set to eFTP, ${eftp} W ✓`)} />
          {editing ? (
            <SettingsForm
              key={sport.id}
              sport={sport}
              onSave={async (patch, recalc) => {
                if (await save(patch, recalc)) setEditing(false);
              }}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <div class="t-actions">
              <button type="button" class="btn btn-small" onClick={() => setEditing(true)}>
                Edit {sportName(sport)} settings
              </button>
              <button
                type="button"
                class="btn btn-small"
                aria-expanded={confirmApply}
                aria-controls="training-apply"
                onClick={() => setConfirmApply((c) => !c)}
              >
                Also apply to past activities…
              </button>
            </div>
          )}
          {confirmApply ? (
            <section class="notice notice-info t-confirm" id="training-apply" aria-label="Apply to past activities">
              <p>
                intervals.icu will re-analyse your past {sportName(sport)} activities with these settings: zones, load
                and the power and heart rate figures that depend on them. It runs on intervals.icu and{' '}
                <strong>cannot be undone from here</strong>.
              </p>
              <div class="notice-actions">
                <button type="button" class="btn btn-small btn-danger" onClick={() => void apply()}>
                  Apply to past {sportName(sport)} activities
                </button>
                <button type="button" class="btn btn-small" onClick={() => setConfirmApply(false)}>
                  Cancel
                </button>
              </div>
            </section>
          ) : null}
        </>
      ) : null}
      <p class={`t-status${status ? ` t-${status.tone}` : ''}`} role="status" aria-live="polite">
        {status ? (
          <>
            {status.tone === 'busy' ? <span class="spinner" aria-hidden="true" /> : null} {status.text}
          </>
        ) : null}
      </p>
      <SettingsHistory
        version={historyVersion}
        onUndone={(result) => {
          applyResult(result);
          setStatus(writeStatus(result, 'Undone on intervals.icu ✓'));
        }}
        onFailed={(e) => setStatus(failureStatus(e, 'Not undone'))}
      />
    </Section>
  );
}

export const sportName = (sport: Pick<SportSettingsView, 'types'>) => sport.types[0] ?? 'Other';

function SportFigures({ sport }: { sport: SportSettingsView }) {
  const rows: [string, string][] = [];
  const add = (key: keyof typeof TRAINING_LABELS) => {
    const value = sport[key];
    if (typeof value === 'number') rows.push([TRAINING_LABELS[key], settingText(key, value, sport.pace_units)]);
  };
  for (const key of ['ftp', 'indoor_ftp', 'w_prime', 'lthr', 'max_hr', 'threshold_pace'] as const) add(key);
  return (
    <dl class="stats t-figures" aria-label={`${sportName(sport)} settings`}>
      {rows.map(([label, text]) => {
        const cut = text.indexOf(' ');
        return (
          <div class="stat" key={label}>
            <dt class="stat-label">{label}</dt>
            <dd class="stat-value num">
              {cut < 0 ? text : text.slice(0, cut)}
              {cut < 0 ? null : <span class="unit"> {text.slice(cut + 1)}</span>}
            </dd>
          </div>
        );
      })}
      {rows.length === 0 ? <p class="muted">No thresholds set for {sportName(sport)} yet.</p> : null}
      {sport.threshold_pace === undefined && paceUnitLabel(sport.pace_units) ? (
        <p class="muted">No threshold pace yet ({paceUnitLabel(sport.pace_units)}).</p>
      ) : null}
    </dl>
  );
}

function Estimate({ sport, onUse }: { sport: SportSettingsView; onUse(eftp: number): void }) {
  const estimate = sport.estimate;
  if (!estimate || (estimate.eftp === null && estimate.wPrime === null)) return null;
  const source = estimate.from === 'wellness' ? 'from your power curve today' : 'from your power model';
  const parts = [
    estimate.eftp !== null ? `eFTP ${estimate.eftp} W` : null,
    estimate.wPrime !== null ? `W′ ${settingText('w_prime', estimate.wPrime)}` : null,
  ].filter(Boolean);
  const differs = estimate.eftp !== null && estimate.eftp !== sport.ftp;
  return (
    <p class="t-estimate">
      <span>
        intervals.icu estimates {parts.join(' · ')} <span class="muted">({source})</span>
      </span>
      {differs && estimate.eftp !== null ? (
        <button type="button" class="btn btn-small" onClick={() => onUse(estimate.eftp as number)}>
          Use eFTP as FTP: {estimate.eftp} W
        </button>
      ) : null}
    </p>
  );
}
