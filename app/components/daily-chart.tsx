/**
 * Responses per day as a plain SVG stacked bar chart (no chart library: light pages), with its
 * numbers as a table under it (WCAG 1.1.1: the picture alone says nothing to a screen reader) and
 * series told apart by pattern as well as colour (1.4.1): IIT solid, EIT part 1 hatched, EIT part 2
 * dotted, the same patterns in the legend.
 */
// Same colours as .swatch-* in app.css (inline styles are blocked by the CSP; SVG attributes are not).
const COLOURS: Record<Series, string> = { iit: "#1d4e89", eit1: "#2e8b57", eit2: "#c77d00" };
const SERIES = ["iit", "eit1", "eit2"] as const;
type Series = (typeof SERIES)[number];

export type DailyChartText = {
  /** The chart's name (also the table's caption). */
  label: string;
  /** Each series' name, for the legend and the table's column headings. */
  series: Record<Series, string>;
  /** The <summary> that opens the table, the day column and the total column. */
  table: string;
  day: string;
  total: string;
};

/** The patterns, one per series; `id` keeps two charts on a page apart. */
function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-iit`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={COLOURS.iit} />
      </pattern>
      <pattern id={`${id}-eit1`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={COLOURS.eit1} />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2.5" />
      </pattern>
      <pattern id={`${id}-eit2`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={COLOURS.eit2} />
        <circle cx="3" cy="3" r="1.4" fill="#fff" />
      </pattern>
    </defs>
  );
}

export function DailyChart({ days, text, id = "daily" }: { days: { day: string; counts: Record<string, number> }[]; text: DailyChartText; id?: string }) {
  const width = 640;
  const height = 160;
  const totals = days.map((day) => SERIES.reduce((sum, series) => sum + (day.counts[series] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const barWidth = days.length ? Math.max(2, Math.floor((width - 40) / days.length) - 2) : 0;
  return (
    <figure className="daily-chart-figure">
      {/* The table below carries the numbers; the picture is named, not described bar by bar. */}
      <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label={text.label} className="daily-chart">
        <title>{text.label}</title>
        <Patterns id={id} />
        {days.map((day, index) => {
          let y = height;
          const x = 30 + index * (barWidth + 2);
          return (
            <g key={day.day}>
              {SERIES.map((series) => {
                const value = day.counts[series] ?? 0;
                const h = (value / max) * (height - 10);
                y -= h;
                return value > 0 ? (
                  <rect
                    key={series}
                    x={x}
                    y={y}
                    width={barWidth}
                    height={h}
                    fill={`url(#${id}-${series})`}
                    stroke="#fff"
                    strokeWidth="0.5"
                    data-series={series}
                  />
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
      <ul className="chart-legend">
        {SERIES.map((series) => (
          <li key={series}>
            <svg viewBox="0 0 12 12" aria-hidden="true" focusable="false">
              <rect width="12" height="12" fill={`url(#${id}-${series})`} stroke={COLOURS[series]} />
            </svg>
            {text.series[series]}
          </li>
        ))}
      </ul>
      <details className="chart-data">
        <summary>{text.table}</summary>
        <div className="table-region" role="region" aria-label={text.label} tabIndex={0}>
          <table className="data-table" data-testid="daily-table">
            <caption>{text.label}</caption>
            <thead>
              <tr>
                <th scope="col">{text.day}</th>
                {SERIES.map((series) => (
                  <th scope="col" key={series} className="num">
                    {text.series[series]}
                  </th>
                ))}
                <th scope="col" className="num">
                  {text.total}
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((day, index) => (
                <tr key={day.day}>
                  <th scope="row">{day.day}</th>
                  {SERIES.map((series) => (
                    <td key={series} className="num">
                      {day.counts[series] ?? 0}
                    </td>
                  ))}
                  <td className="num">{totals[index]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
