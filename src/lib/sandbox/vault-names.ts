/** The two vaults AWS provides and protects, and the policy AWS puts on EFS's. */

export const DEFAULT_VAULT = 'Default';
export const EFS_AUTOMATIC_VAULT = 'aws/efs/automatic-backup-vault';

/**
 * The AWS-managed access policy of EFS's automatic backup vault: it denies
 * everyone the calls that would delete or move its backups (as reported by
 * aws-nuke users who met it: rebuy-de/aws-nuke#1110, #1150).
 */
export function efsVaultPolicy(vaultArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [
          'backup:DeleteBackupVault',
          'backup:DeleteBackupVaultAccessPolicy',
          'backup:DeleteRecoveryPoint',
          'backup:StartCopyJob',
          'backup:StartRestoreJob',
          'backup:UpdateRecoveryPointLifecycle',
        ],
        Resource: vaultArn,
      },
    ],
  });
}
