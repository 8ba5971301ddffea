/** A small inline SVG bar chart (no chart library): one bar per point, labelled for screen readers. */
export function BarChart({ title, points }: { title: string; points: { label: string; value: number }[] }) {
  const width = 600;
  const height = 140;
  const max = Math.max(1, ...points.map((p) => p.value));
  const barWidth = width / Math.max(1, points.length);
  return (
    <figure>
      <svg className="chart" viewBox={`0 0 ${width} ${height + 16}`} role="img" aria-labelledby="chart-title">
        <title id="chart-title">{title}</title>
        {points.map((point, i) => {
          const h = Math.round((point.value / max) * height);
          return (
            <g key={point.label}>
              <rect x={i * barWidth + 1} y={height - h} width={Math.max(1, barWidth - 2)} height={h}>
                <title>{`${point.label}: ${point.value}`}</title>
              </rect>
              {i % 7 === 0 ? (
                <text x={i * barWidth} y={height + 12}>
                  {point.label.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {title}: {points.reduce((sum, p) => sum + p.value, 0)} in total, at most {max} a day.
      </figcaption>
    </figure>
  );
}
