import { z } from 'zod';
import { emptyInput, method } from './define';

/**
 * 人证核验: how the renderer's on-device face check ended. Only the outcome crosses to the host: no
 * frame, card photo, descriptor or distance is sent back, kept or logged.
 */
export const faceCheckOutcomeSchema = z.enum([
  /** The face before the camera passed the liveness prompt and matches the card photo. */
  'match',
  /** Live, but not the person on the card (descriptor distance above the hall's threshold). */
  'no_match',
  /** No movement when asked to move closer in the time given (a still picture, or nobody there). */
  'not_live',
  /** No single face found in the card photo or before the camera. */
  'no_face',
  /** No camera, or the model could not be loaded: checked by staff instead. */
  'unavailable',
]);
export type FaceCheckOutcome = z.infer<typeof faceCheckOutcomeSchema>;

export const faceCheckMethods = {
  getFaceCheck: method({
    summary:
      '人证核验 pending for the card on the reader: the decoded card photo (held in memory only) and the hall threshold.',
    input: emptyInput,
    output: z.strictObject({
      attemptId: z.string().max(64),
      /** The card photo as a data URL (BMP or JPEG as the reader decoded it, 102 x 126 on a real card). */
      photo: z.string().max(200_000),
      /** Largest Euclidean distance of FaceRecognitionNet descriptors that counts as the same person. */
      threshold: z.number().min(0.2).max(1),
      /** How long the applicant has to move closer before the check gives up (seconds). */
      livenessSeconds: z.number().int().min(3).max(60),
    }),
    errors: ['no_face_check'],
  }),
  finishFaceCheck: method({
    summary:
      'The outcome of the on-device face check: match opens the session; anything else sends the applicant to the window named in config.',
    input: z.strictObject({ attemptId: z.string().max(64), outcome: faceCheckOutcomeSchema }),
    output: z.strictObject({}),
    errors: ['no_face_check'],
  }),
} as const;
