/**
 * Errors of the sandbox, named exactly as AWS Backup names its exceptions, so a
 * learner sees the same words the AWS CLI or SDK would print. A refusal also
 * carries the sandbox rule that caused it (id, one-line explanation, source),
 * so the interface can say why and link to the fact in the notes.
 */
import type { Rule } from './rules.ts';

/** The exception names of the AWS Backup API model (backup-2018-11-15). */
export type BackupExceptionName =
  | 'InvalidParameterValueException'
  | 'InvalidRequestException'
  | 'AlreadyExistsException'
  | 'ResourceNotFoundException'
  | 'LimitExceededException'
  | 'MissingParameterValueException'
  | 'ConflictException'
  | 'AccessDeniedException'
  | 'InvalidResourceStateException'
  | 'DependencyFailureException'
  | 'ServiceUnavailableException';

/** HTTP status AWS answers with, per exception (all 400 but the two 5xx ones, 403 for access). */
export const HTTP_STATUS: Record<BackupExceptionName, number> = {
  InvalidParameterValueException: 400,
  InvalidRequestException: 400,
  AlreadyExistsException: 400,
  ResourceNotFoundException: 400,
  LimitExceededException: 400,
  MissingParameterValueException: 400,
  ConflictException: 400,
  AccessDeniedException: 403,
  InvalidResourceStateException: 400,
  DependencyFailureException: 500,
  ServiceUnavailableException: 500,
};

export interface BackupErrorOptions {
  /** The sandbox rule that refused the call, when one did. */
  rule?: Rule;
  /** AWS's own code where one is known, such as `ERROR_9101`. */
  code?: string;
  /** AWS's `Context` member (for rule errors: the rule name). */
  context?: string;
  /** The ARN of an existing resource (AlreadyExistsException). */
  arn?: string;
  creatorRequestId?: string;
}

/**
 * A refused call. `name` is the AWS exception name; `message` is AWS's message
 * where it is known, else ours in AWS's style.
 *
 * @example throw new BackupError('InvalidRequestException', 'Backup vault cannot be deleted because it contains recovery points.', { rule: rule('vault.delete-non-empty') })
 */
export class BackupError extends Error {
  override readonly name: BackupExceptionName;
  readonly rule: Rule | undefined;
  readonly code: string | undefined;
  readonly context: string | undefined;
  readonly arn: string | undefined;
  readonly creatorRequestId: string | undefined;

  constructor(name: BackupExceptionName, message: string, options: BackupErrorOptions = {}) {
    super(message);
    this.name = name;
    this.rule = options.rule;
    this.code = options.code;
    this.context = options.context;
    this.arn = options.arn;
    this.creatorRequestId = options.creatorRequestId;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.name];
  }
}
