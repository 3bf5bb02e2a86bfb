/**
 * The sandbox properties of `properties.test.ts` over many short random
 * sequences (1 to 5 commands; 1 to 3 where every command is saved and loaded) instead of a few long ones, so that the default
 * run tries over 10,000 sequences in all. A short sequence starts from one of
 * a few saved states, built once per world, so it spends its commands where
 * things happen rather than on setting up:
 *
 * - `fresh`: a new world (nothing but the provided vaults and the inventory);
 * - `prelude`: after `PRELUDE` (vaults, a daily plan with a selection, a
 *   governance lock on Default, three backups, a day);
 * - `busy`: the prelude, then a compliance lock past its cooling-off time,
 *   cross-account backup on, access policies (allow copy in, deny delete), a
 *   second plan with a copy to another account, more backups and a copy, a
 *   recovery point being deleted and jobs still running;
 * - `aged`: busy without the plans' selections, 33 days later (the 35-day
 *   lifecycles about to expire);
 * - `full`: the prelude with the work account's us-east-1 vaults and the
 *   plan's selections at their quotas.
 *
 * The commands, the driver and the invariants (`sequences.ts`) are the long
 * tests' own; the invariants remember what happened before the start (a
 * recovery point being deleted or locked). Counts per property are in the test
 * names; PROPS_RUNS_SCALE=<k> multiplies them, FC_SEED / FC_PATH replay a
 * failure.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { SavedState } from '../../../src/lib/sandbox/model.ts';
import {
  commandArb,
  driveSequence,
  expectSameState,
  params,
  PRELUDE,
  roundTrips,
  runSequence,
  SAFETY_INVARIANTS,
  startAfter,
  TIMEOUT,
  worldArb,
  type Command,
  type Start,
  type World,
} from './sequences.ts';

const START_COMMANDS = {
  fresh: [],
  prelude: PRELUDE,
  busy: [
    ...PRELUDE,
    { t: 'createVault', at: 'work/us-east-1', name: 'logs' },
    // Compliance mode: fixed after 3 days, minimum retention 7 days.
    { t: 'putLock', at: 'work/us-east-1', vault: 'prod', min: 7, max: 400, changeable: 3 },
    { t: 'updateGlobalSettings', enabled: true, fromManagement: true },
    { t: 'putAccessPolicy', at: 'mgmt/us-east-1', vault: 'prod', policy: 'allowCopyFromOtherAccount' },
    { t: 'putAccessPolicy', at: 'work/us-east-1', vault: 'logs', policy: 'denyDeleteRecoveryPoint' },
    {
      t: 'createPlan',
      at: 'work/us-east-1',
      name: 'p2',
      rules: [{ name: 'r1', vault: 'prod', schedule: 'cron(0 5 ? * SUN *)', lifecycle: { DeleteAfterDays: 35 }, copy: 'otherAccount/prod', continuous: false }],
    },
    { t: 'createSelection', pick: 1, name: 's1', sel: { by: 'type', pattern: 'arn:aws:ec2:*:*:volume/*' }, foreignRole: false },
    { t: 'startBackupJob', pick: 2, vault: 'prod', lifecycle: { DeleteAfterDays: 35 }, startWindow: null, completeWindow: null, elsewhere: false },
    { t: 'startBackupJob', pick: 5, vault: 'logs', lifecycle: { MoveToColdStorageAfterDays: 7, DeleteAfterDays: 97 }, startWindow: null, completeWindow: null, elsewhere: false },
    { t: 'advance', seconds: 4 * 86_400 },
    { t: 'startCopyJob', pick: 1, dest: 'otherRegion/prod', lifecycle: null },
    { t: 'deleteRecoveryPoint', pick: 0 },
    { t: 'startBackupJob', pick: 3, vault: 'Default', lifecycle: { DeleteAfterDays: 35 }, startWindow: 60, completeWindow: 120, elsewhere: false },
  ],
  aged: [] as Command[],
  full: [
    ...PRELUDE,
    { t: 'fill', what: 'vaults', at: 'work/us-east-1', pick: 0 },
    { t: 'fill', what: 'selections', at: 'work/us-east-1', pick: 0 },
  ],
} satisfies Record<string, Command[]>;
// The plans' selections removed first: 33 days of daily backups and copies would make the state
// five times larger (and every sequence from it slower) without adding a case.
START_COMMANDS.aged = [...START_COMMANDS.busy, { t: 'deleteSelection', pick: 0 }, { t: 'deleteSelection', pick: 0 }, { t: 'advance', seconds: 33 * 86_400 }];
type StartName = keyof typeof START_COMMANDS;

// `fresh` first: fast-check shrinks a oneof towards its first member. Most sequences start fresh: a
// sequence from a larger state costs 3-10 times as much (loading it, and the work its schedules make).
const startArb = fc.oneof(
  { arbitrary: fc.constant<StartName>('fresh'), weight: 12 },
  { arbitrary: fc.constant<StartName>('prelude'), weight: 4 },
  { arbitrary: fc.constant<StartName>('busy'), weight: 2 },
  { arbitrary: fc.constant<StartName>('aged'), weight: 2 },
  { arbitrary: fc.constant<StartName>('full'), weight: 1 },
);

/** Each start is built once per world, the first time a sequence needs it. */
const starts = new Map<string, Start | undefined>();
function startOf(world: World, name: StartName): Start | undefined {
  const key = `${world.seed}|${world.logLimit}|${name}`;
  if (!starts.has(key)) starts.set(key, name === 'fresh' ? undefined : startAfter(world, START_COMMANDS[name]));
  return starts.get(key);
}

type ShortSequence = [world: World, start: StartName, commands: Command[]];
const shortArb = (maxLength: number): fc.Arbitrary<ShortSequence> =>
  fc.tuple(worldArb, startArb, fc.array(commandArb, { minLength: 1, maxLength }));

/** Default run counts: with the 285 long sequences, over 10,000 sequences in all. */
const RUNS = { safety: 6500, roundTrip: 800, determinism: 1500, reload: 1200 };
const ran = { sequences: 0, commands: 0 };
const counted = (cmds: Command[]) => {
  ran.sequences += 1;
  ran.commands += cmds.length;
};
const startsUsed = new Set<StartName>();

afterAll(() => {
  // Every start was drawn (in a default run; a start that failed to build would have failed its first property).
  if (ran.sequences >= 1000) expect([...startsUsed].sort()).toEqual(Object.keys(START_COMMANDS).sort());
  console.info(`short sandbox sequences: ${ran.sequences} sequences, ${ran.commands} random commands, ${starts.size} starts built`);
});

describe(`sandbox properties over ${Object.values(RUNS).reduce((a, b) => a + b)} short random operation sequences`, () => {
  it(
    `${RUNS.safety} sequences: quotas, vault locks, provided vaults, plan deletion rules, recovery points, job states and named refusals hold after every command`,
    () => {
      fc.assert(
        fc.property(shortArb(5), ([world, name, cmds]) => {
          startsUsed.add(name);
          counted(cmds);
          driveSequence(world, cmds, { checks: SAFETY_INVARIANTS, start: startOf(world, name) });
        }),
        params(RUNS.safety),
      );
    },
    TIMEOUT,
  );

  it(
    `${RUNS.roundTrip} sequences: a save and load gives the same state, after every command`,
    () => {
      fc.assert(
        fc.property(shortArb(3), ([world, name, cmds]) => {
          counted(cmds);
          driveSequence(world, cmds, { checks: [roundTrips], start: startOf(world, name) });
        }),
        params(RUNS.roundTrip),
      );
    },
    TIMEOUT,
  );

  it(
    `${RUNS.determinism} sequences: the same start and commands give the same state`,
    () => {
      fc.assert(
        fc.property(shortArb(5), ([world, name, cmds]) => {
          counted(cmds);
          const start = startOf(world, name);
          const first: SavedState = runSequence(world, cmds, { start });
          expectSameState(runSequence(world, cmds, { start }), first, 'two runs of the same commands');
        }),
        params(RUNS.determinism),
      );
    },
    TIMEOUT,
  );

  it(
    `${RUNS.reload} sequences: the same final state whether saved and loaded after every command or never`,
    () => {
      fc.assert(
        fc.property(shortArb(3), ([world, name, cmds]) => {
          counted(cmds);
          const start = startOf(world, name);
          expectSameState(runSequence(world, cmds, { reload: 'always', start }), runSequence(world, cmds, { reload: 'never', start }), 'saved and loaded after every command vs. never');
        }),
        params(RUNS.reload),
      );
    },
    TIMEOUT,
  );
});
