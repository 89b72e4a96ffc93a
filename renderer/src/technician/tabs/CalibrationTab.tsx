import { useState } from 'react';
import { type CalibrationResult, calibrationResult, calibrationTargets, meanShift } from '../calibration';
import { useTech } from '../use-tech';

/** Touchscreen calibration check: five targets, each tap's offset, a pass or a fail. */
export function CalibrationTab() {
  const { t } = useTech();
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<CalibrationResult[]>([]);
  const targets = running ? calibrationTargets(window.innerWidth, window.innerHeight) : [];
  const target = targets[results.length];

  const finished = !running && results.length > 0;
  const shift = meanShift(results);
  const allOk = results.every((r) => r.ok);

  return (
    <div className="tech-stack" data-testid="calibration">
      <p className="tech-lead">{t('calibration.intro')}</p>
      <button
        type="button"
        className="tech-button is-primary"
        onClick={() => {
          setResults([]);
          setRunning(true);
        }}
        data-testid="calibration-start"
      >
        {t('calibration.start')}
      </button>
      {finished ? (
        <div className="tech-stack" data-testid="calibration-result">
          <p className={allOk ? 'tech-success' : 'tech-message'} role="status">
            {allOk ? t('calibration.ok') : t('calibration.off', { x: shift.x, y: shift.y })}
          </p>
          <ol className="tech-list">
            {results.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed order of targets
              <li key={i}>{t('calibration.offset', { number: i + 1, px: r.offsetPx })}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {running && target ? (
        <button
          type="button"
          className="tech-calibration"
          aria-label={t('calibration.tap', { number: results.length + 1, count: targets.length })}
          data-testid="calibration-surface"
          onPointerDown={(event) => {
            const next = [...results, calibrationResult(target, { x: event.clientX, y: event.clientY })];
            setResults(next);
            if (next.length >= targets.length) setRunning(false);
          }}
        >
          <p className="tech-calibration-hint">
            {t('calibration.tap', { number: results.length + 1, count: targets.length })}
          </p>
          <span className="tech-calibration-target" style={{ left: target.x, top: target.y }} />
        </button>
      ) : null}
    </div>
  );
}
