/**
 * "Forget key": the key, every cached byte of every athlete's data, the stored athlete ids and names, and the weight
 * typed for VO2max. Every object store is emptied, so stores added by later schema versions (outbox, undo log) are
 * included without a change here.
 */
import { actingAthlete, coachedAthletes, connectedAthlete, vo2maxWeightOverride } from '~/lib/settings';
import { getDb } from './db';
import { forgetRemembered } from './memory';

export async function forgetEverything(): Promise<void> {
  const db = await getDb();
  const names = [...db.objectStoreNames];
  const transaction = db.transaction(names, 'readwrite');
  await Promise.all([...names.map((name) => transaction.objectStore(name).clear()), transaction.done]);
  forgetRemembered(db); // the key and the cached entries kept in memory
  // Every athlete's: the owner, the coached athletes' profiles and which one was chosen.
  await Promise.all([connectedAthlete.removeValue(), coachedAthletes.removeValue(), actingAthlete.removeValue()]);
  // The athlete's own weight, typed in the VO2max card.
  await vo2maxWeightOverride.removeValue();
}
