/**
 * The card-placement picture: a second-generation resident ID card sliding down onto the reader's
 * pad and resting there ("place"), or lifting off it ("take"). Drawn in SVG, animated in CSS
 * (kiosk.css, .card-placement); with prefers-reduced-motion the card simply lies on the reader.
 */
export function CardPlacement({ mode }: { mode: 'place' | 'take' }) {
  return (
    <svg
      className={`card-placement ${mode}`}
      viewBox="0 0 360 260"
      aria-hidden="true"
      data-testid="card-placement"
    >
      {/* The reader: a body, its pad and the light that turns green when a card lies on it. */}
      <rect x="30" y="150" width="300" height="90" rx="18" className="reader-body" />
      <rect x="70" y="160" width="220" height="56" rx="10" className="reader-pad" />
      <circle cx="306" cy="226" r="6" className="reader-light" />
      <g className="reader-waves">
        <path d="M180 150 q-22 -14 -44 0" />
        <path d="M180 150 q-34 -24 -68 0" />
      </g>
      {/* The card, with its photo, lines of text and the national emblem's place. */}
      <g className="id-card">
        <rect x="95" y="10" width="170" height="107" rx="10" className="card-face" />
        <rect x="205" y="26" width="46" height="58" rx="4" className="card-photo" />
        <rect x="108" y="30" width="80" height="8" rx="4" className="card-line" />
        <rect x="108" y="48" width="64" height="8" rx="4" className="card-line" />
        <rect x="108" y="66" width="88" height="8" rx="4" className="card-line" />
        <rect x="108" y="94" width="143" height="9" rx="4" className="card-number" />
      </g>
      <path d="M180 125 l-12 -14 h24 z" className="card-arrow" />
    </svg>
  );
}
