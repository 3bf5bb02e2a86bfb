import { describe, expect, it } from 'vitest';
import { lockMode } from '../../../src/lib/sandbox/vault-views.ts';
import type { Vault } from '../../../src/lib/sandbox/model.ts';

const vault = (lock?: Vault['lock']): Vault => ({
  BackupVaultName: 'v',
  BackupVaultArn: 'arn:aws:backup:us-east-1:222222222222:backup-vault:v',
  accountId: '222222222222',
  region: 'us-east-1',
  EncryptionKeyArn: 'k',
  CreationDate: 0,
  kind: 'custom',
  ...(lock ? { lock } : {}),
});

describe('vault views', () => {
  it('names the lock mode, its range and its date', () => {
    const day = 86_400_000;
    expect(lockMode(vault(), 0)).toBe('None');
    expect(lockMode(vault({ MinRetentionDays: 7, since: 0 }), 0)).toBe('Governance mode (min 7 d)');
    const compliance = vault({ MinRetentionDays: 7, MaxRetentionDays: 30, LockDate: Date.UTC(2026, 0, 4), since: 0 });
    expect(lockMode(compliance, Date.UTC(2026, 0, 1))).toBe('Compliance mode (min 7 d, max 30 d), changeable until 2026-01-04 00:00 UTC');
    expect(lockMode(compliance, Date.UTC(2026, 0, 4) + day)).toBe('Compliance mode (min 7 d, max 30 d), immutable since 2026-01-04 00:00 UTC');
  });
});
