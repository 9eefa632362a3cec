// The trend chart of the status page and of the HTML report: findings above
// info per site over the stored scans, as plain SVG. One component for both
// (the report renders it with react-dom/server); plain SVG rather than
// recharts because recharts 3 renders nothing under react-dom/server (it
// draws after effects run: recharts issues #5997, #6139). Written without JSX
// so the engine's Node build can import it as it is.
import { createElement as h, type ReactElement } from 'react';
import type { TrendPointView } from '../../../preload/contract';

export const SITE_COLOURS = ['#0b5fd1', '#d98b1f', '#2e8b57', '#8e44ad'];

export interface TrendChartProps {
  points: TrendPointView[];
  sites: { id: string; name: string }[];
  width?: number;
  height?: number;
}

const MARGIN = { top: 12, right: 44, bottom: 46, left: 40 };

export function TrendChart({ points, sites, width = 520, height = 220 }: TrendChartProps): ReactElement {
  const runs = [...new Map(points.map((point) => [point.runId, point.at])).entries()];
  const max = Math.max(1, ...points.map((point) => point.problems));
  const top = niceTop(max);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const x = (index: number) => MARGIN.left + (runs.length <= 1 ? plotWidth / 2 : (index * plotWidth) / (runs.length - 1));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const ticks = [0, top / 4, top / 2, (3 * top) / 4, top].filter((tick) => Number.isInteger(tick));
  const labelEvery = Math.max(1, Math.ceil(runs.length / 6));
  const children: ReactElement[] = [
    h('title', { key: 'title' }, `Findings above info per site over ${runs.length} stored scan(s)`),
    ...ticks.map((tick) =>
      h('g', { key: `y${tick}`, className: 'trend-y-tick' }, [
        h('line', { key: 'l', x1: MARGIN.left, x2: width - MARGIN.right, y1: y(tick), y2: y(tick), stroke: '#ccd', strokeDasharray: '3 3' }),
        h('text', { key: 't', x: MARGIN.left - 6, y: y(tick) + 4, textAnchor: 'end', fontSize: 11, fill: '#333' }, String(tick)),
      ]),
    ),
    ...runs.map(([runId, at], index) =>
      index % labelEvery === 0 || index === runs.length - 1
        ? h('text', { key: `x${runId}`, className: 'trend-x-tick', x: x(index), y: height - MARGIN.bottom + 16, textAnchor: 'middle', fontSize: 11, fill: '#333' }, at.slice(5, 16).replace('T', ' '))
        : h('g', { key: `x${runId}` }),
    ),
    ...sites.map((site, siteIndex) => {
      const colour = SITE_COLOURS[siteIndex % SITE_COLOURS.length]!;
      const own = runs.map(([runId], index) => ({ index, point: points.find((point) => point.runId === runId && point.dc === site.id) })).filter((entry) => entry.point);
      const path = own.map((entry, order) => `${order === 0 ? 'M' : 'L'}${x(entry.index).toFixed(1)},${y(entry.point!.problems).toFixed(1)}`).join(' ');
      return h('g', { key: site.id, className: 'trend-line', 'data-site': site.id }, [
        h('path', { key: 'p', d: path, fill: 'none', stroke: colour, strokeWidth: 2 }),
        ...own.map((entry) =>
          h('circle', { key: entry.point!.runId, cx: x(entry.index), cy: y(entry.point!.problems), r: 3, fill: colour }, h('title', null, `${site.name} ${entry.point!.at}: ${entry.point!.problems}`)),
        ),
      ]);
    }),
    ...sites.map((site, siteIndex) =>
      h('g', { key: `legend-${site.id}`, className: 'trend-legend' }, [
        h('rect', { key: 'r', x: MARGIN.left + siteIndex * 170, y: height - 19, width: 10, height: 10, fill: SITE_COLOURS[siteIndex % SITE_COLOURS.length] }),
        h('text', { key: 't', x: MARGIN.left + siteIndex * 170 + 14, y: height - 10, fontSize: 11, fill: '#333' }, site.name),
      ]),
    ),
  ];
  return h('svg', { className: 'trend-chart', role: 'img', width, height, viewBox: `0 0 ${width} ${height}`, xmlns: 'http://www.w3.org/2000/svg' }, children);
}

function niceTop(max: number): number {
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  for (const factor of [1, 2, 4, 5, 8, 10]) if (factor * step >= max) return Math.max(4, factor * step);
  return max;
}
