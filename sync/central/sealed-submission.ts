/** The intake's side of a sealed submission: opened with the central's private key, then read tolerantly. */
import type { KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../../kernel/result';
import { openSealed } from '../../kernel/sealed-envelope';
import {
  type SealedSubmissionPayload,
  type SubmissionPayload,
  sealedSubmissionContentSchema,
} from '../protocol/central-api';
import { submissionSealBinding } from '../protocol/submission-record';
import { tolerant } from '../protocol/tolerant-schema';

export function openSubmission(
  payload: SealedSubmissionPayload,
  privateKey: KeyObject,
): Result<SubmissionPayload, 'invalid_payload'> {
  const { sealed, ...rest } = payload;
  const opened = openSealed(privateKey, sealed, submissionSealBinding(payload));
  if (!opened.ok) return err('invalid_payload', `sealed: ${opened.error.message}`);
  let content: unknown;
  try {
    content = JSON.parse(opened.value.toString('utf8'));
  } catch {
    return err('invalid_payload', 'sealed: the content is not JSON');
  }
  const parsed = tolerant(sealedSubmissionContentSchema).safeParse(content);
  if (!parsed.success) {
    // Paths and messages only: the values are personal data.
    const issue = parsed.error.issues[0];
    return err('invalid_payload', `sealed.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return ok({ ...rest, ...parsed.data });
}
