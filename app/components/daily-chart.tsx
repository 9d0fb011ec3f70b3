/** Responses per day as a plain SVG stacked bar chart (no chart library: light pages). */
// Same colours as .swatch-* in app.css (inline styles are blocked by the CSP).
const COLOURS: Record<string, string> = { iit: "#1d4e89", eit1: "#2e8b57", eit2: "#c77d00" };

export function DailyChart({ days, label }: { days: { day: string; counts: Record<string, number> }[]; label: string }) {
  const width = 640;
  const height = 160;
  const max = Math.max(1, ...days.map((day) => Object.values(day.counts).reduce((a, b) => a + b, 0)));
  const barWidth = days.length ? Math.max(2, Math.floor((width - 40) / days.length) - 2) : 0;
  return (
    <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label={label} className="daily-chart">
      <title>{label}</title>
      {days.map((day, index) => {
        let y = height;
        const x = 30 + index * (barWidth + 2);
        return (
          <g key={day.day}>
            {(["iit", "eit1", "eit2"] as const).map((instrument) => {
              const value = day.counts[instrument] ?? 0;
              const h = (value / max) * (height - 10);
              y -= h;
              return value > 0 ? (
                <rect key={instrument} x={x} y={y} width={barWidth} height={h} fill={COLOURS[instrument]}>
                  <title>{`${day.day} ${instrument}: ${value}`}</title>
                </rect>
              ) : null;
            })}
            {index === 0 || index === days.length - 1 ? (
              <text x={x} y={height + 16} fontSize="10" fill="#5b6470">
                {day.day.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
      <text x="0" y="12" fontSize="10" fill="#5b6470">
        {max}
      </text>
      <line x1="28" y1={height} x2={width} y2={height} stroke="#d5dae1" />
    </svg>
  );
}
