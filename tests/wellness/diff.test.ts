import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Wellness } from '../../lib/api/types';
import {
  clearValueFor,
  EDITABLE_KEYS,
  type EditableKey,
  WELLNESS_FIELDS,
  type WellnessPatch,
} from '../../lib/wellness/catalogue';
import {
  applyPatch,
  diffWellness,
  isEmptyPatch,
  isEmptyValue,
  mergeEdits,
  normalizePatch,
  sameValue,
  unconfirmedFields,
  undoPatch,
  type WellnessLike,
} from '../../lib/wellness/diff';
import { arbDay, arbPatch } from './arbitraries';

type Loose = Partial<Record<EditableKey, unknown>>;

/** Equal on every catalogue field (empty spellings and formatting aside): how these tests compare days. */
function sameWellness(a: WellnessLike, b: WellnessLike): boolean {
  return EDITABLE_KEYS.every((key) => sameValue(key, (a as Loose)[key], (b as Loose)[key]));
}

const loaded: Partial<Wellness> = {
  id: '2026-03-28',
  ctl: 61.2,
  weight: 70.2,
  restingHR: 48,
  sleepSecs: 27_015,
  mood: 2,
  comments: 'Fine',
  locked: true,
};

describe('sameValue', () => {
  it.each([
    ['weight', 70, 70.0, true],
    ['weight', 70.2, 70.19999694824219, true],
    ['weight', 70.25, 70.3, true],
    ['weight', 70.2, 70.3, false],
    ['sleepSecs', 27_015, 27_000, true],
    ['sleepSecs', 27_000, 27_060, false],
    ['restingHR', 48, 49, false],
    ['steps', 0, null, false],
    ['steps', null, undefined, true],
    ['steps', -1, undefined, true],
    ['steps', -1, 0, false],
    ['restingHR', -1, null, true],
    ['comments', '', undefined, true],
    ['comments', 'a', 'a ', false],
    ['locked', false, undefined, true],
    ['locked', true, false, false],
  ] as const)('%s: %j vs %j → %s', (key, a, b, same) => {
    expect(sameValue(key, a, b)).toBe(same);
    expect(sameValue(key, b, a)).toBe(same);
  });

  it('knows every spelling of empty', () => {
    expect(isEmptyValue('weight', 0)).toBe(false);
    expect(isEmptyValue('weight', null)).toBe(true);
    expect(isEmptyValue('weight', -1)).toBe(true);
    expect(isEmptyValue('comments', '')).toBe(true);
    expect(isEmptyValue('comments', -1)).toBe(false);
    expect(isEmptyValue('locked', false)).toBe(true);
    expect(isEmptyValue('locked', null)).toBe(true);
  });
});

describe('clear values', () => {
  it('every numeric field clears with -1 (documented), comments with "" (assumed), locked with false', () => {
    for (const field of WELLNESS_FIELDS) {
      const expected = field.kind === 'text' ? '' : field.kind === 'toggle' ? false : -1;
      expect(clearValueFor(field.key)).toBe(expected);
      // -1 is never a value a user may enter: below every numeric range.
      if ('min' in field) expect(field.min).toBeGreaterThan(-1);
    }
  });

  it('a null from an older outbox entry goes out as the clear value', () => {
    expect(normalizePatch({ restingHR: null, comments: null, locked: null, weight: 70, mood: undefined })).toEqual({
      weight: 70,
      restingHR: -1,
      comments: '',
      locked: false,
    });
  });
});

describe('diffWellness', () => {
  it('returns only changed fields, with the clear value for emptied ones', () => {
    const edited = {
      weight: 70.2,
      restingHR: 47,
      sleepSecs: 27_000,
      mood: null,
      comments: '',
      locked: true,
      steps: null,
    };
    expect(diffWellness(loaded, edited)).toEqual({ restingHR: 47, mood: -1, comments: '' });
    expect(diffWellness(loaded, { restingHR: -1 })).toEqual({ restingHR: -1 });
    expect(diffWellness({ id: 'x' }, { restingHR: -1, comments: '' })).toEqual({});
  });

  it('leaves out fields that were not on the form', () => {
    expect(diffWellness(loaded, { locked: false })).toEqual({ locked: false });
    expect(diffWellness(loaded, {})).toEqual({});
  });

  it('ignores fields the extension does not edit', () => {
    expect(diffWellness(loaded, { ...loaded, ctl: 10, atl: 3 } as Partial<Wellness>)).toEqual({});
  });

  it('sends an unlock as false', () => {
    expect(diffWellness({ locked: true }, { locked: false })).toEqual({ locked: false });
    expect(diffWellness({}, { locked: false })).toEqual({});
  });

  it('applying the diff to the loaded day gives the edited day', () => {
    fc.assert(
      fc.property(arbDay, arbPatch, (day, edited) => {
        const diff = diffWellness(day, edited);
        // Sending only the diff ends where sending every edited field would.
        expect(sameWellness(applyPatch(day, diff), applyPatch(day, edited))).toBe(true);
        // And it holds nothing that was already so.
        for (const key of Object.keys(diff) as (keyof WellnessPatch)[]) {
          expect(sameValue(key, day[key], edited[key])).toBe(false);
        }
      }),
    );
  });

  it('a whole form applied through its diff equals the form', () => {
    const fullForm = arbPatch.map((p) =>
      Object.fromEntries(EDITABLE_KEYS.map((k) => [k, p[k] ?? clearValueFor(k)])),
    ) as fc.Arbitrary<WellnessPatch>;
    fc.assert(
      fc.property(arbDay, fullForm, (day, edited) => {
        expect(sameWellness(applyPatch(day, diffWellness(day, edited)), edited)).toBe(true);
      }),
    );
  });

  it('finds nothing between a day and itself', () => {
    fc.assert(
      fc.property(arbDay, (day) => {
        expect(isEmptyPatch(diffWellness(day, day))).toBe(true);
      }),
    );
  });
});

describe('mergeEdits', () => {
  it('keeps the latest value of each field', () => {
    expect(mergeEdits({ weight: 70, mood: 2, comments: 'a' }, { mood: -1, restingHR: 50 })).toEqual({
      weight: 70,
      mood: -1,
      comments: 'a',
      restingHR: 50,
    });
  });

  it('a later set wins over an earlier clear, a later clear over an earlier set, per field', () => {
    expect(mergeEdits({ restingHR: -1, comments: '' }, { restingHR: 50 })).toEqual({ restingHR: 50, comments: '' });
    expect(mergeEdits({ restingHR: 50, comments: 'x' }, { restingHR: -1, comments: '' })).toEqual({
      restingHR: -1,
      comments: '',
    });
  });

  it('does not let an absent field override', () => {
    expect(mergeEdits({ weight: 70 }, { weight: undefined })).toEqual({ weight: 70 });
  });

  it('is associative', () => {
    fc.assert(
      fc.property(arbPatch, arbPatch, arbPatch, (a, b, c) => {
        expect(mergeEdits(mergeEdits(a, b), c)).toEqual(mergeEdits(a, mergeEdits(b, c)));
      }),
    );
  });

  it('is last-writer-wins per field', () => {
    fc.assert(
      fc.property(fc.array(arbPatch, { minLength: 1, maxLength: 6 }), (edits) => {
        const merged = edits.reduce(mergeEdits, {});
        for (const key of EDITABLE_KEYS) {
          const last = edits.findLast((e) => e[key] !== undefined);
          expect(merged[key]).toEqual(last?.[key]);
        }
      }),
    );
  });

  it('sending the merged edit equals sending each edit in order', () => {
    fc.assert(
      fc.property(arbDay, fc.array(arbPatch, { maxLength: 5 }), (day, edits) => {
        const oneByOne = edits.reduce(applyPatch, day);
        expect(applyPatch(day, edits.reduce(mergeEdits, {}))).toEqual(oneByOne);
      }),
    );
  });
});

describe('undoPatch', () => {
  it('restores previous values and clears fields that were empty', () => {
    const patch = { weight: 71, steps: 9000, mood: -1, locked: false } satisfies WellnessPatch;
    expect(undoPatch(loaded, patch)).toEqual({ weight: 70.2, steps: -1, mood: 2, locked: true });
    expect(undoPatch({}, { locked: true })).toEqual({ locked: false });
  });

  it('undo of a write that filled an empty field sends -1 for it', () => {
    const emptyDay = { id: '2026-03-28', restingHR: null, locked: null } as unknown as Partial<Wellness>;
    expect(undoPatch(emptyDay, { restingHR: 52, comments: 'ok' })).toEqual({ restingHR: -1, comments: '' });
    expect(undoPatch({ id: 'x' }, { sleepSecs: 27_000 })).toEqual({ sleepSecs: -1 });
  });

  it('applying the undo after the patch restores the original', () => {
    fc.assert(
      fc.property(arbDay, arbPatch, (before, patch) => {
        const after = applyPatch(before, patch);
        const restored = applyPatch(after, undoPatch(before, patch));
        expect(sameWellness(restored, before)).toBe(true);
        // Fields the extension never edits are untouched throughout.
        expect(restored.ctl).toBe(before.ctl);
        expect(restored.id).toBe(before.id);
      }),
    );
  });

  it('touches only the fields the patch wrote', () => {
    fc.assert(
      fc.property(arbDay, arbPatch, (before, patch) => {
        expect(Object.keys(undoPatch(before, patch)).sort()).toEqual(
          Object.keys(patch)
            .filter((k) => patch[k as keyof WellnessPatch] !== undefined)
            .sort(),
        );
      }),
    );
  });
});

describe('read-back verification', () => {
  it('confirms a write the server applied', () => {
    fc.assert(
      fc.property(arbDay, arbPatch, (day, patch) => {
        expect(unconfirmedFields(patch, applyPatch(day, patch))).toEqual([]);
      }),
    );
  });

  it('names the fields the server did not take', () => {
    // A server that keeps the day locked and ignores a clear.
    const readBack = { ...loaded, weight: 71 };
    expect(unconfirmedFields({ weight: 71, locked: false, mood: -1 }, readBack)).toEqual(['mood', 'locked']);
  });

  it('a cleared field is confirmed when it reads back empty: null or absent', () => {
    const cleared = { restingHR: -1, comments: '', locked: false } satisfies WellnessPatch;
    expect(unconfirmedFields(cleared, { id: 'd', restingHR: null, comments: null, locked: null } as never)).toEqual([]);
    expect(unconfirmedFields(cleared, { id: 'd' })).toEqual([]);
    expect(unconfirmedFields(cleared, { id: 'd', restingHR: 48, comments: '' })).toEqual(['restingHR']);
  });

  it('applying a clear removes the field, as the server does', () => {
    expect(applyPatch(loaded, { restingHR: -1, comments: '', locked: false })).toEqual({
      id: '2026-03-28',
      ctl: 61.2,
      weight: 70.2,
      sleepSecs: 27_015,
      mood: 2,
    });
  });
});
