/**
 * Files into intervals.icu, for the Upload page (extension pages only: these write).
 *
 * - `uploadActivityFile`: one activity file as multipart `file` (`POST /athlete/{id}/activities`); 201 → new,
 *   200 → everything was a duplicate. Errors keep the server's words ("x.fit: not a FIT file", 413 too large).
 * - `importPlan`: workout files onto days in one `events/bulk?upsert=true`, then the days read back, so the answer
 *   is what the calendar holds, matched by `external_id` (lib/upload/plan.ts says how it is made).
 */
import { invalidInput } from '~/lib/api/errors';
import type { EventEx } from '~/lib/api/types';
import { isIsoDate, isoDayOf } from '~/lib/dates';
import { activityUrl, CALENDAR_URL } from '~/lib/routes';
import { planExternalId } from '~/lib/upload/plan';
import type { PlanImportResult, PlanItem, UploadResult } from '~/lib/upload/views';
import { requireAthlete, type Services } from './context';

/** Base64 (how the file crossed the message boundary) to bytes, without a callback per byte. */
function fromBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export async function uploadActivityFile(
  services: Services,
  request: { fileName: string; base64: string },
): Promise<UploadResult> {
  const { id: athleteId } = await requireAthlete();
  const { client } = services;
  const { status, body } = await client.uploadActivity(athleteId, {
    name: request.fileName,
    bytes: fromBase64(request.base64),
  });
  const ids = (body?.activities ?? []).flatMap((a) => (a.id ? [a.id] : []));
  // Names for the page's rows, one GET each through the shared limiter; one intervals.icu will not share stays null.
  const activities = await Promise.all(
    ids.map(async (id) => ({
      id,
      name: await client.getActivity(id).then(
        (a) => a.name ?? null,
        () => null,
      ),
      url: activityUrl(id),
    })),
  );
  return { outcome: status === 201 ? 'new' : 'duplicate', activities };
}

export async function importPlan(services: Services, request: { items: PlanItem[] }): Promise<PlanImportResult> {
  const { id: athleteId } = await requireAthlete();
  const { items } = request;
  if (items.length === 0 || !items.every((item) => isIsoDate(item.date))) {
    throw invalidInput('Choose a day for every workout file.');
  }
  const events: EventEx[] = items.map((item) => ({
    category: 'WORKOUT',
    start_date_local: `${item.date}T00:00:00`,
    filename: item.fileName,
    file_contents_base64: item.base64,
    external_id: planExternalId(item.fileName, item.date),
  }));
  await services.client.bulkCreateEvents(athleteId, events, { upsert: true });
  const days = items.map((item) => item.date).sort();
  const listed = await services.client.listEvents(athleteId, {
    oldest: days[0],
    newest: days.at(-1),
    category: ['WORKOUT'],
  });
  return {
    items: items.map((item, n) => {
      const found = listed.find((e) => e.external_id === events[n]?.external_id);
      return {
        fileName: item.fileName,
        date: item.date,
        event:
          found?.id === undefined
            ? null
            : {
                id: found.id,
                name: found.name ?? item.fileName,
                date: isoDayOf(found.start_date_local) ?? item.date,
                url: CALENDAR_URL,
                movingTimeSecs: found.moving_time ?? null,
                load: found.icu_training_load ?? null,
              },
      };
    }),
  };
}
