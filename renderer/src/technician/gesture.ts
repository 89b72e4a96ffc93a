/**
 * The hidden way into technician mode: five taps in the top-left corner within three seconds.
 * Pure, so it can be tested without a DOM: feed it every tap, it says when the gesture is complete.
 */
export interface CornerGestureOptions {
  taps: number;
  windowMs: number;
  /** Size of the square corner region, in CSS pixels. */
  cornerPx: number;
}

export const defaultCornerGesture: CornerGestureOptions = { taps: 5, windowMs: 3000, cornerPx: 120 };

export interface CornerGesture {
  /** One tap at (x, y) at time `atMs`; true when it completes the gesture (the count starts again). */
  tap(x: number, y: number, atMs: number): boolean;
  reset(): void;
}

export function inCorner(x: number, y: number, cornerPx: number): boolean {
  return x >= 0 && y >= 0 && x <= cornerPx && y <= cornerPx;
}

export function createCornerGesture(options: CornerGestureOptions = defaultCornerGesture): CornerGesture {
  let times: number[] = [];
  return {
    tap(x, y, atMs) {
      if (!inCorner(x, y, options.cornerPx)) {
        // A tap anywhere else breaks the sequence: an applicant's ordinary taps never add up to it.
        times = [];
        return false;
      }
      times = [...times.filter((t) => atMs - t < options.windowMs && atMs >= t), atMs];
      if (times.length >= options.taps) {
        times = [];
        return true;
      }
      return false;
    },
    reset() {
      times = [];
    },
  };
}
