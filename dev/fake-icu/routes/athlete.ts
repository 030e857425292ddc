/** GET /athlete/{id} (WithSportSettings) and GET /athlete/{athleteId}/sport-settings. */
import { json } from '../http';
import type { Router } from '../router';
import { type App, checkAthlete } from './app';

export function athleteRoutes(router: Router, app: App): void {
  router.add('GET', '/api/v1/athlete/{id}', ({ params }) => {
    const denied = checkAthlete(params.id);
    if (denied) return denied;
    const latest = [...app.state.wellness.values()]
      .filter((w) => w.weight !== undefined)
      .sort((a, b) => b.id.localeCompare(a.id))[0];
    return json({ ...app.state.seed.athlete, icu_weight: latest?.weight ?? app.state.seed.athlete.icu_weight });
  });

  router.add('GET', '/api/v1/athlete/{athleteId}/sport-settings', ({ params }) => {
    return checkAthlete(params.athleteId) ?? json(app.state.seed.sportSettings);
  });
}
