import { Table } from '../../../platform/views/components/table.tsx';

/** Bars of one series, drawn solid or hatched so that the two are told apart without colour. */
export interface Series {
  label: string;
  values: number[];
}

const width = 640;
const height = 240;
const margin = { top: 16, right: 8, bottom: 40, left: 40 };

/**
 * A grouped bar chart drawn on the server (SVG, no script), with the same figures in a table: the
 * chart is an image named by its title for assistive technology, the table is what it reads.
 */
export function BarChart(props: {
  title: string;
  tableCaption: string;
  firstHead: string;
  labels: string[];
  series: Series[];
}) {
  const max = Math.max(1, ...props.series.flatMap((s) => s.values));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / Math.max(1, props.labels.length);
  const bar = Math.max(2, (slot * 0.8) / Math.max(1, props.series.length));
  const y = (value: number) => margin.top + plotHeight - (value / max) * plotHeight;
  const id = `chart-${props.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  return (
    <figure class="chart">
      {/* Scrolls sideways on a phone rather than shrinking its labels out of reading; by keyboard too. */}
      <div class="chart__plot" tabindex={0}>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-title`}
          width="100%"
          preserveAspectRatio="xMidYMid meet"
        >
          <title id={`${id}-title`}>{props.title}</title>
          <defs>
            <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6">
              <path d="M0,6 L6,0" stroke="currentColor" stroke-width="2" />
            </pattern>
          </defs>
          <line x1={margin.left} x2={width - margin.right} y1={y(0)} y2={y(0)} stroke="currentColor" />
          <text x={margin.left - 4} y={y(max) + 4} text-anchor="end" font-size="12" fill="currentColor">
            {max}
          </text>
          <text x={margin.left - 4} y={y(0)} text-anchor="end" font-size="12" fill="currentColor">
            0
          </text>
          {props.labels.map((label, i) => (
            <g>
              {props.series.map((series, s) => {
                const value = series.values[i] ?? 0;
                return (
                  <rect
                    x={margin.left + i * slot + slot * 0.1 + s * bar}
                    y={y(value)}
                    width={bar - 1}
                    height={y(0) - y(value)}
                    fill={s === 0 ? 'currentColor' : `url(#${id}-hatch)`}
                    stroke="currentColor"
                  />
                );
              })}
              <text
                x={margin.left + i * slot + slot / 2}
                y={height - margin.bottom + 16}
                text-anchor="middle"
                font-size="12"
                fill="currentColor"
              >
                {label}
              </text>
            </g>
          ))}
          {props.series.map((series, s) => (
            <g>
              <rect
                x={margin.left + s * 200}
                y={height - 16}
                width="12"
                height="12"
                fill={s === 0 ? 'currentColor' : `url(#${id}-hatch)`}
                stroke="currentColor"
              />
              <text x={margin.left + s * 200 + 18} y={height - 6} font-size="12" fill="currentColor">
                {series.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <details>
        <summary>{props.tableCaption}</summary>
        <Table
          caption={props.title}
          head={[props.firstHead, ...props.series.map((s) => s.label)]}
          numeric={props.series.map((_, i) => i + 1)}
          rows={props.labels.map((label, i) => [label, ...props.series.map((s) => String(s.values[i] ?? 0))])}
        />
      </details>
    </figure>
  );
}
