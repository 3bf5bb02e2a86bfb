/** The sandbox's vault forms (create, lock, notifications) and the command box. */
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import CommandPanel from '../../src/ui/sandbox/CommandPanel.svelte';
import VaultsPanel from '../../src/ui/sandbox/VaultsPanel.svelte';
import { closeSandboxPanel, openSandboxPanel } from './sandbox-panel.ts';

afterEach(closeSandboxPanel);
const open = openSandboxPanel;

describe('vault forms', () => {
  it('creates a vault with a customer managed key and tags, and shows it', async () => {
    const user = userEvent.setup();
    const sc = await open(VaultsPanel);
    await user.type(screen.getByLabelText(/^Vault name/), 'prod-vault');
    await user.selectOptions(screen.getByRole('combobox', { name: /^KMS key/ }), 'backup-cmk (customer managed)');
    await user.type(screen.getByLabelText(/^Tags/), 'team=ops, env=prod');
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    const vault = sc.sandbox?.state.vaults.find((v) => v.BackupVaultName === 'prod-vault');
    expect(sc.sandbox?.state.kmsKeys.find((k) => k.arn === vault?.EncryptionKeyArn)?.alias).toBe('backup-cmk');
    expect(sc.sandbox?.state.tags[vault?.BackupVaultArn ?? '']).toEqual({ team: 'ops', env: 'prod' });
    expect(await screen.findByRole('rowheader', { name: 'prod-vault' })).toBeInTheDocument();
  });

  it('names a malformed tag next to the field and creates nothing', async () => {
    const user = userEvent.setup();
    const sc = await open(VaultsPanel);
    await user.type(screen.getByLabelText(/^Vault name/), 'tagged');
    await user.type(screen.getByLabelText(/^Tags/), 'team');
    expect(screen.getByText('"team" is not a key=value pair: write tags as key=value, separated by commas (env=prod, team=ops).')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Tags/)).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    expect(sc.sandbox?.state.vaults.some((v) => v.BackupVaultName === 'tagged')).toBe(false);
  });

  it('explains the two lock modes, puts a compliance lock and shows its lock date', async () => {
    const user = userEvent.setup();
    const sc = await open(VaultsPanel);
    await user.type(screen.getByLabelText(/^Vault name/), 'locked');
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    const form = await screen.findByRole('form', { name: 'Vault lock for locked' });
    expect(form).toHaveTextContent('Governance mode (no grace time)');
    expect(form).toHaveTextContent('Compliance mode: changeable only during the grace time');
    await user.click(within(form).getByRole('button', { name: 'Put vault lock on locked' }));
    expect(sc.sandbox?.state.vaults.find((v) => v.BackupVaultName === 'locked')?.lock).toMatchObject({ MinRetentionDays: 7 });
    expect(form).toHaveTextContent('now: Compliance mode (min 7 d), changeable until 2026-01-04 00:00 UTC');
    // A grace time under 3 days is AWS's refusal, not the form's.
    const grace = within(form).getByLabelText(/ChangeableForDays/);
    await user.clear(grace);
    await user.type(grace, '2');
    await user.click(within(form).getByRole('button', { name: 'Put vault lock on locked' }));
    expect(sc.refusal).toMatchObject({ name: 'InvalidParameterValueException', message: 'ChangeableForDays must be at least 3 days' });
  });

  it('subscribes a vault to SNS for the chosen events', async () => {
    const user = userEvent.setup();
    const sc = await open(VaultsPanel);
    await user.click(screen.getByRole('button', { name: 'Open Default' }));
    await user.click(screen.getByRole('checkbox', { name: 'BACKUP_JOB_STARTED' }));
    await user.click(screen.getByRole('button', { name: 'Save notifications' }));
    const sns = sc.sandbox?.state.vaults.find((v) => v.BackupVaultName === 'Default' && v.accountId === '222222222222' && v.region === 'us-east-1')?.notifications;
    expect(sns?.SNSTopicArn).toBe('arn:aws:sns:us-east-1:222222222222:backup-events');
    expect([...(sns?.BackupVaultEvents ?? [])].sort()).toEqual(['BACKUP_JOB_COMPLETED', 'BACKUP_JOB_STARTED']);
  });
});

describe('command box', () => {
  it('runs a command, prints the CLI JSON, and offers completions as buttons', async () => {
    const user = userEvent.setup();
    const sc = await open(CommandPanel);
    const box = screen.getByLabelText('Command');
    await user.clear(box);
    await user.type(box, 'aws backup create-backup-v');
    await user.click(screen.getByRole('button', { name: 'create-backup-vault' }));
    expect(box).toHaveValue('aws backup create-backup-vault ');
    await user.type(box, '--backup-vault-name typed{Enter}');
    expect(await screen.findByText(/"BackupVaultArn": "arn:aws:backup:us-east-1:222222222222:backup-vault:typed"/)).toBeInTheDocument();
    expect(sc.sandbox?.state.vaults.some((v) => v.BackupVaultName === 'typed')).toBe(true);
    await user.type(box, '{ArrowUp}');
    expect(box).toHaveValue('aws backup create-backup-vault --backup-vault-name typed');
  });
});
