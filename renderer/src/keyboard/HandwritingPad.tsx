import { Eraser, Undo2 } from 'lucide-react';
import { type PointerEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Point, Stroke } from '../ime/handwriting';

/**
 * The writing pad: one character at a time, drawn with a finger. Each finished stroke goes up to the
 * keyboard, which asks the recogniser for candidates after every stroke.
 */
export function HandwritingPad({
  strokes,
  onStroke,
  onUndo,
  onClear,
}: {
  strokes: readonly Stroke[];
  onStroke: (stroke: Stroke) => void;
  onUndo: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const current = useRef<Point[] | null>(null);

  const point = (event: PointerEvent<HTMLCanvasElement>): Point => {
    const box = event.currentTarget.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };

  const draw = () => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = canvas.getBoundingClientRect();
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    // A 田字格 guide, as on the practice sheets applicants learnt on.
    context.strokeStyle = '#c9d3e3';
    context.lineWidth = 1;
    context.setLineDash([6, 6]);
    context.beginPath();
    context.moveTo(width / 2, 0);
    context.lineTo(width / 2, height);
    context.moveTo(0, height / 2);
    context.lineTo(width, height / 2);
    context.stroke();
    context.setLineDash([]);
    context.strokeStyle = '#1a1f2b';
    context.lineWidth = 8;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    for (const stroke of current.current ? [...strokes, current.current] : strokes) {
      context.beginPath();
      const [first, ...rest] = stroke;
      if (first) context.moveTo(first[0], first[1]);
      for (const [x, y] of rest) context.lineTo(x, y);
      if (stroke.length === 1) context.lineTo(stroke[0]![0] + 0.1, stroke[0]![1]);
      context.stroke();
    }
  };

  // Redraw whenever the strokes change (draw reads them).
  useEffect(draw);

  return (
    <div className="handwriting">
      <canvas
        ref={canvasRef}
        className="handwriting-pad"
        data-testid="handwriting-pad"
        data-strokes={strokes.length}
        aria-label={t('keyboard.writeHere')}
        role="img"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          current.current = [point(event)];
          draw();
        }}
        onPointerMove={(event) => {
          if (!current.current) return;
          current.current.push(point(event));
          draw();
        }}
        onPointerUp={() => {
          const stroke = current.current;
          current.current = null;
          if (stroke && stroke.length > 0) onStroke(stroke);
        }}
        onPointerCancel={() => {
          current.current = null;
          draw();
        }}
      />
      <div className="handwriting-actions">
        <button type="button" className="mode-button" onClick={onUndo} disabled={strokes.length === 0}>
          <Undo2 aria-hidden="true" />
          {t('keyboard.undoStroke')}
        </button>
        <button type="button" className="mode-button" onClick={onClear} disabled={strokes.length === 0}>
          <Eraser aria-hidden="true" />
          {t('keyboard.clearPad')}
        </button>
      </div>
    </div>
  );
}
