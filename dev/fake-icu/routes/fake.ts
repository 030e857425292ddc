/**
 * Test controls outside /api/v1 (no auth, no rate limit, no faults):
 *   GET    /__fake/state    counters, wellness, request log (StateSnapshot); `?athlete=i515151` for another athlete's
 *                          wellness
 *   GET    /__fake/info     ids of the seeded athlete and activities
 *   POST   /__fake/reset    back to the seed; clears faults, counters and the rate limiter
 *   GET    /__fake/faults   the active faults
 *   POST   /__fake/faults   add a fault (FaultSpec JSON) or several (array) → 201 with the added faults
 *   DELETE /__fake/faults   remove every fault, or one with ?id=N
 *   POST   /__fake/device-sync  `{date, values?, athleteId?}`: a device sync of weight, restingHR, hrv, sleepSecs
 *                          (default: the key owner's); locked days are left alone → `{applied, day}`
 *   POST   /__fake/coaching `{athleteId, coached}`: `coached: false` revokes the key owner's coaching of that
 *                          athlete (403 on their routes, gone from /athletes), `true` restores it; reset restores
 *                          the seeded roster → `{coaching}` (coach id → coached ids)
 *   POST   /__fake/options  `{unlockable?, nullClears?, maxUploadBytes?}`: whether `locked: false` unlocks a day,
 *                          whether a field sent as `null` is cleared, the largest request body (413 past it; all back
 *                          to the start value on reset) → the options now in force
 */
import type { FaultSpec, Faults } from '../faults';
import { checkFaultSpec } from '../faults';
import { error, json, type Reply } from '../http';
import { isIsoDay } from '../time';
import type { App } from './app';
import { type DeviceSyncValues, deviceSync } from './wellness';

export interface Controls {
  app: App;
  faults: Faults;
  reset(): void;
  info(): object;
}

export function fakeControl(c: Controls, method: string, path: string, query: URLSearchParams, body: unknown): Reply {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /__fake/state': {
      const athleteId = query.get('athlete') ?? c.app.state.owner.id;
      if (!c.app.state.athlete(athleteId)) return error(404, `No athlete ${athleteId}`);
      return json(c.app.state.snapshot(athleteId));
    }
    case 'GET /__fake/info':
      return json(c.info());
    case 'POST /__fake/reset':
      c.reset();
      return json({ ok: true });
    case 'GET /__fake/faults':
      return json(c.faults.list());
    case 'POST /__fake/faults': {
      try {
        const specs = (Array.isArray(body) ? body : [body]).map(checkFaultSpec) as FaultSpec[];
        return json(c.faults.add(specs), 201);
      } catch (e) {
        return error(400, `Invalid fault: ${(e as Error).message}`);
      }
    }
    case 'DELETE /__fake/faults': {
      const id = query.get('id');
      if (id === null) c.faults.clear();
      else if (!c.faults.remove(Number(id))) return error(404, `No fault ${id}`);
      return json({ ok: true, faults: c.faults.list() });
    }
    case 'POST /__fake/device-sync': {
      const { date, values, athleteId } = (body ?? {}) as {
        date?: unknown;
        values?: DeviceSyncValues;
        athleteId?: unknown;
      };
      if (typeof date !== 'string' || !isIsoDay(date)) return error(400, 'date must be YYYY-MM-DD');
      if (values !== undefined && (typeof values !== 'object' || values === null)) {
        return error(400, 'values must be an object');
      }
      const athlete = c.app.state.athlete(typeof athleteId === 'string' ? athleteId : c.app.state.owner.id);
      if (!athlete) return error(404, `No athlete ${String(athleteId)}`);
      return json(deviceSync(c.app, date, values, athlete));
    }
    case 'POST /__fake/coaching': {
      const { athleteId, coached } = (body ?? {}) as { athleteId?: unknown; coached?: unknown };
      if (typeof athleteId !== 'string' || !c.app.state.athlete(athleteId)) {
        return error(400, 'athleteId must be a seeded athlete');
      }
      if (typeof coached !== 'boolean') return error(400, 'coached must be a boolean');
      if (coached) c.app.state.restoreCoaching(athleteId);
      else c.app.state.revokeCoaching(athleteId);
      return json({ coaching: c.app.state.snapshot().coaching });
    }
    case 'POST /__fake/options': {
      const changes = (body ?? {}) as { unlockable?: unknown; nullClears?: unknown; maxUploadBytes?: unknown };
      for (const name of ['unlockable', 'nullClears'] as const) {
        if (changes[name] !== undefined && typeof changes[name] !== 'boolean') {
          return error(400, `${name} must be a boolean`);
        }
      }
      const max = changes.maxUploadBytes;
      if (max !== undefined && !(typeof max === 'number' && Number.isInteger(max) && max > 0)) {
        return error(400, 'maxUploadBytes must be a positive integer');
      }
      if (typeof changes.unlockable === 'boolean') c.app.unlockable = changes.unlockable;
      if (typeof changes.nullClears === 'boolean') c.app.nullClears = changes.nullClears;
      if (typeof max === 'number') c.app.maxUploadBytes = max;
      return json({ unlockable: c.app.unlockable, nullClears: c.app.nullClears, maxUploadBytes: c.app.maxUploadBytes });
    }
    default:
      return error(404, `No control ${route}`);
  }
}
