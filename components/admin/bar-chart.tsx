import { format, type Messages } from "@/lib/i18n/messages";
import { countText } from "@/lib/admin/labels";
import type { Locale } from "@/lib/i18n/locales";

/** A small inline SVG bar chart (no chart library): one bar per point, labelled for screen readers. */
export function BarChart({
  title,
  points,
  t,
  locale,
}: {
  title: string;
  points: { label: string; tick: string; value: number }[];
  t: Messages;
  locale: Locale;
}) {
  const width = 600;
  const height = 140;
  const max = Math.max(1, ...points.map((p) => p.value));
  const barWidth = width / Math.max(1, points.length);
  const total = points.reduce((sum, p) => sum + p.value, 0);
  return (
    <figure>
      <svg className="chart" viewBox={`0 0 ${width} ${height + 16}`} role="img" aria-labelledby="chart-title">
        <title id="chart-title">{title}</title>
        {points.map((point, i) => {
          const h = Math.round((point.value / max) * height);
          return (
            <g key={point.label}>
              <rect x={i * barWidth + 1} y={height - h} width={Math.max(1, barWidth - 2)} height={h}>
                <title>{format(t.adminChartBar, { day: point.label, count: countText(point.value, locale) })}</title>
              </rect>
              {i % 7 === 0 ? (
                <text x={i * barWidth} y={height + 12}>
                  {point.tick}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {format(t.adminChartSummary, { title, total: countText(total, locale), max: countText(max, locale) })}
      </figcaption>
    </figure>
  );
}
