/**
 * Service quotas (AWS Backup quotas page, newer generation, unless the
 * sandbox's quota profile says to use the notes' figure where they differ).
 */
import type { SandboxState } from './model.ts';

export type QuotaName =
  | 'vaultsPerRegion'
  | 'plansPerRegion'
  | 'versionsPerPlan'
  | 'selectionsPerPlan'
  | 'copyActionsPerRule'
  | 'frameworksPerRegion'
  | 'controlsPerRegion'
  | 'reportPlansPerAccount'
  | 'frameworksPerReportPlan'
  | 'tagsPerResource'
  | 'recoveryPointsPerVault';

const AWS: Record<QuotaName, number> = {
  vaultsPerRegion: 300,
  plansPerRegion: 300,
  versionsPerPlan: 2000,
  selectionsPerPlan: 100,
  copyActionsPerRule: 5,
  frameworksPerRegion: 15,
  controlsPerRegion: 50,
  reportPlansPerAccount: 20,
  frameworksPerReportPlan: 1000,
  tagsPerResource: 50,
  recoveryPointsPerVault: 1_000_000,
};

/** Where the notes give another figure than AWS does now. */
const NOTES: Partial<Record<QuotaName, number>> = { frameworksPerRegion: 10 };

const WHAT: Record<QuotaName, string> = {
  vaultsPerRegion: 'backup vaults per account and Region',
  plansPerRegion: 'backup plans per account and Region',
  versionsPerPlan: 'versions per backup plan',
  selectionsPerPlan: 'resource assignments per backup plan',
  copyActionsPerRule: 'copy actions per backup rule',
  frameworksPerRegion: 'audit frameworks per account and Region',
  controlsPerRegion: 'audit controls per account and Region',
  reportPlansPerAccount: 'report plans per account',
  frameworksPerReportPlan: 'frameworks per report plan',
  tagsPerResource: 'tags per resource',
  recoveryPointsPerVault: 'recovery points per backup vault',
};

export interface Quota {
  value: number;
  /** The refusal message; where the notes and AWS differ it states both figures. */
  message(current: number): string;
}

/** The limit alone (no message): for checks made once per job. */
export function quotaValue(state: SandboxState, name: QuotaName): number {
  const notes = NOTES[name];
  return state.settings.quotaOverrides?.[name] ?? (notes !== undefined && state.settings.quotaProfile === 'notes' ? notes : AWS[name]);
}

export function quota(state: SandboxState, name: QuotaName): Quota {
  const notes = NOTES[name];
  const aws = AWS[name];
  const useNotes = notes !== undefined && state.settings.quotaProfile === 'notes';
  const override = state.settings.quotaOverrides?.[name];
  const value = override ?? (useNotes ? notes : aws);
  return {
    value,
    message(current: number): string {
      const base = `Limit exceeded: at most ${value} ${WHAT[name]} (you have ${current})`;
      if (override !== undefined) return `${base}. This lab sets the limit; AWS's quota is ${aws}.`;
      if (notes === undefined) return `${base}.`;
      return useNotes
        ? `${base}. This is the notes' figure (${notes}); AWS's current quota is ${aws}, which the sandbox's "aws" quota profile uses.`
        : `${base}. This is AWS's current quota (${aws}); the notes give ${notes}, which the sandbox's "notes" quota profile uses.`;
    },
  };
}
