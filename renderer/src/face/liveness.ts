/**
 * The liveness rule of 人证核验 (pure, so it is tested without a camera): the applicant is asked to
 * move closer to the screen, and passes when the face seen by the camera grows by `minGrowth` over an
 * earlier sighting within the check's time, in enough frames with exactly one face.
 *
 * What it defends against: a still picture (a printed photo propped in front of the camera, a phone
 * showing a photo, a frozen or looped still frame) keeps its size and fails. What it does not: a photo
 * or a screen moved towards the camera by hand, or a replayed video of the person moving. It is the
 * simple active check a kiosk can run on its own; a hall needing more keeps staff at the window.
 */
export interface FaceSighting {
  /** Milliseconds since the check started. */
  readonly atMs: number;
  /** Width of the face box in frame pixels. */
  readonly width: number;
}

export interface LivenessRule {
  /** The face must grow to this many times its smallest earlier size (1.15: the face 15 % wider). */
  readonly minGrowth: number;
  /** Frames with a face needed before a verdict (a lone lucky frame proves nothing). */
  readonly minSightings: number;
}

export const defaultLivenessRule: LivenessRule = { minGrowth: 1.15, minSightings: 4 };

export type LivenessVerdict = 'live' | 'undecided';

/** 'live' as soon as some sighting is `minGrowth` times the smallest sighting before it. */
export function livenessOf(
  sightings: readonly FaceSighting[],
  rule: LivenessRule = defaultLivenessRule,
): LivenessVerdict {
  if (sightings.length < rule.minSightings) return 'undecided';
  let smallest = Number.POSITIVE_INFINITY;
  for (const sighting of sightings) {
    if (sighting.width >= smallest * rule.minGrowth) return 'live';
    smallest = Math.min(smallest, sighting.width);
  }
  return 'undecided';
}

/** Euclidean distance of two FaceRecognitionNet descriptors (128 numbers each). */
export function descriptorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error('descriptors of different lengths');
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = a[i]! - b[i]!;
    sum += difference * difference;
  }
  return Math.sqrt(sum);
}
