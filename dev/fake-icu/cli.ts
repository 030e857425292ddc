/**
 * npm run fake-icu -- --port <port> --key <key> [--tls] [--now <ISO date-time>] [--no-rate-limit]
 *   [--athlete-key <key>=<athlete id> ...]   (another seeded athlete's own key, e.g. one who coaches no one)
 *
 * Starts the stand-in on 127.0.0.1 and prints its URL (and, with --tls, the certificate's SPKI hash for Chromium's
 * --ignore-certificate-errors-spki-list). Stops on Ctrl-C / SIGTERM.
 */
import { parseArgs } from 'node:util';
import { createFakeIcu } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    key: { type: 'string' },
    tls: { type: 'boolean', default: false },
    now: { type: 'string' },
    'no-rate-limit': { type: 'boolean', default: false },
    'athlete-key': { type: 'string', multiple: true, default: [] },
  },
});

const key = values.key ?? process.env.FAKE_ICU_KEY;
if (!key) {
  console.error('usage: npm run fake-icu -- --port <port> --key <key> [--tls] [--now <ISO time>] [--no-rate-limit]');
  process.exit(2);
}
const now = values.now ? new Date(values.now) : undefined;
if (now && Number.isNaN(now.getTime())) {
  console.error(`--now: not a date: ${values.now}`);
  process.exit(2);
}

const keys: Record<string, string> = {};
for (const pair of values['athlete-key']) {
  const at = pair.lastIndexOf('=');
  if (at <= 0) {
    console.error(`--athlete-key: expected <key>=<athlete id>, got ${pair}`);
    process.exit(2);
  }
  keys[pair.slice(0, at)] = pair.slice(at + 1);
}

const fake = await createFakeIcu({
  key,
  port: Number(values.port),
  tls: values.tls,
  now,
  rateLimit: !values['no-rate-limit'],
  keys,
});
console.log(`fake intervals.icu listening on ${fake.url} (athlete ${fake.athleteId})`);
for (const a of fake.seed.athletes.filter((x) => x.coached)) console.log(`  coaches ${a.id} ${a.name} (${a.timezone})`);
if (fake.spkiHash) {
  console.log(`spki: ${fake.spkiHash}`);
  console.log(
    `chromium: --host-resolver-rules="MAP intervals.icu 127.0.0.1:${fake.port}" --ignore-certificate-errors-spki-list=${fake.spkiHash}`,
  );
}

const stop = async () => {
  await fake.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
