/**
 * The touchscreen calibration check: the technician taps five targets (four corners and the centre);
 * each tap's distance from its target says whether the touch layer is aligned with the picture.
 */
export interface Point {
  x: number;
  y: number;
}

export interface CalibrationResult {
  target: Point;
  touch: Point;
  /** Distance from the target's centre, in CSS pixels. */
  offsetPx: number;
  ok: boolean;
}

/** Targets inset from the edges, as fractions of the screen. */
export function calibrationTargets(width: number, height: number, insetPx = 80): Point[] {
  return [
    { x: insetPx, y: insetPx },
    { x: width - insetPx, y: insetPx },
    { x: width / 2, y: height / 2 },
    { x: insetPx, y: height - insetPx },
    { x: width - insetPx, y: height - insetPx },
  ];
}

export function calibrationResult(target: Point, touch: Point, tolerancePx = 24): CalibrationResult {
  const offsetPx = Math.round(Math.hypot(touch.x - target.x, touch.y - target.y));
  return { target, touch, offsetPx, ok: offsetPx <= tolerancePx };
}

/** A systematic shift (all taps off the same way) points at calibration, not at a clumsy finger. */
export function meanShift(results: readonly CalibrationResult[]): Point {
  if (results.length === 0) return { x: 0, y: 0 };
  const sum = results.reduce(
    (acc, r) => ({ x: acc.x + r.touch.x - r.target.x, y: acc.y + r.touch.y - r.target.y }),
    {
      x: 0,
      y: 0,
    },
  );
  return { x: Math.round(sum.x / results.length), y: Math.round(sum.y / results.length) };
}
