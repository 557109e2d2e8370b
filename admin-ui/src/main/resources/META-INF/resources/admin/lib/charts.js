// Charts as plain SVG built in the page (no library, nothing inline that the CSP would refuse):
// horizontal bars for distributions, grouped bars for a small matrix, and a line for a figure over time.

import { h } from './ui.js';
import { formatNumber } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/**
 * About how wide a text is drawn at this font size, before it is in the page (where it could be measured): CJK
 * characters, arrows and other symbols about 1 em, Latin letters and digits about 0.62 em.
 */
function textWidth(text, size) {
  let width = 0;
  for (const ch of String(text ?? '')) width += ch.codePointAt(0) >= 0x2000 ? size : size * 0.62;
  return width;
}

/**
 * Horizontal bars: items [{label, value, key}], options {format(value), title}. The key (e.g. an enum
 * value) becomes a class bar-<key> so the stylesheet can colour grades and severities consistently.
 * The chart scales with its container (viewBox) and keeps a text table for screen readers.
 */
export function barChart(items, options = {}) {
  const format = options.format || (v => formatNumber(v));
  const rowHeight = 28;
  // the label column as wide as the longest label, so that none is cut off on the left ("等级: 标准客户 → 优质客户")
  const labelWidth = Math.max(150, Math.ceil(Math.max(0, ...items.map(i => textWidth(i.label, 13)))) + 14);
  const valueWidth = 90;
  const width = labelWidth + 280 + valueWidth;
  const max = Math.max(1, ...items.map(i => Number(i.value) || 0));
  const height = Math.max(rowHeight, items.length * rowHeight) + 4;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart bar-chart', role: 'img',
    'aria-label': options.title || '' });
  items.forEach((item, index) => {
    const y = index * rowHeight + 2;
    const barWidth = Math.max(item.value > 0 ? 2 : 0, (width - labelWidth - valueWidth) * (Number(item.value) || 0) / max);
    const key = String(item.key ?? item.label).toLowerCase().replace(/[^a-z0-9]+/g, '-');
    chart.append(
      svg('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 5, 'text-anchor': 'end', class: 'chart-label' }, item.label),
      svg('rect', { x: labelWidth, y: y + 4, width: barWidth.toFixed(1), height: rowHeight - 8, rx: 3, class: `bar bar-${key}` },
        svg('title', {}, `${item.label}: ${format(item.value)}`)),
      svg('text', { x: labelWidth + barWidth + 6, y: y + rowHeight / 2 + 5, class: 'chart-value' }, format(item.value)));
  });
  const table = h('table', { class: 'sr-only' }, h('tbody', {}, items.map(i => h('tr', {}, h('th', { text: i.label }), h('td', { text: format(i.value) })))));
  return h('figure', { class: 'chart-figure' }, options.title ? h('figcaption', { text: options.title }) : null, chart, table);
}

/**
 * Grouped bars for a small matrix, e.g. warnings by type (rows) and severity (series):
 * rows [{label, values: {seriesKey: number}}], series [{key, label}].
 */
export function groupedBarChart(rows, series, options = {}) {
  const format = options.format || (v => formatNumber(v));
  const groupHeight = 18 * series.length + 12;
  const labelWidth = 170;
  const width = 520;
  const max = Math.max(1, ...rows.flatMap(r => series.map(s => Number(r.values[s.key]) || 0)));
  const height = Math.max(groupHeight, rows.length * groupHeight) + 26;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart grouped-chart', role: 'img', 'aria-label': options.title || '' });
  rows.forEach((row, r) => {
    const top = r * groupHeight + 4;
    chart.append(svg('text', { x: labelWidth - 8, y: top + groupHeight / 2 + 2, 'text-anchor': 'end', class: 'chart-label' }, row.label));
    series.forEach((s, i) => {
      const value = Number(row.values[s.key]) || 0;
      const barWidth = Math.max(value > 0 ? 2 : 0, (width - labelWidth - 60) * value / max);
      const y = top + i * 18;
      const key = String(s.key).toLowerCase().replace(/[^a-z0-9]+/g, '-');
      chart.append(
        svg('rect', { x: labelWidth, y, width: barWidth.toFixed(1), height: 14, rx: 2, class: `bar bar-${key}` },
          svg('title', {}, `${row.label} · ${s.label}: ${format(value)}`)),
        svg('text', { x: labelWidth + barWidth + 4, y: y + 11, class: 'chart-value small' }, value ? format(value) : ''));
    });
  });
  const legendY = rows.length * groupHeight + 14;
  series.forEach((s, i) => {
    const key = String(s.key).toLowerCase().replace(/[^a-z0-9]+/g, '-');
    chart.append(svg('rect', { x: labelWidth + i * 110, y: legendY, width: 12, height: 12, class: `bar bar-${key}` }),
      svg('text', { x: labelWidth + i * 110 + 16, y: legendY + 11, class: 'chart-value small' }, s.label));
  });
  return h('figure', { class: 'chart-figure' }, options.title ? h('figcaption', { text: options.title }) : null, chart);
}

/**
 * A line over time, e.g. a share per month: points [{label, sublabel, value}] oldest first, value null where there is
 * none (no point there, the line broken: a gap is not a zero). Options {max (the top of the axis; the largest value by
 * default), ticks ([values] with gridlines), format(value) for the axis and the points, title (a caption), label (what a
 * screen reader says of the picture; the title by default)}. The value of each
 * point is written above it; a text table keeps the figures for screen readers.
 */
export function lineChart(points, options = {}) {
  const format = options.format || (v => formatNumber(v));
  const max = options.max ?? Math.max(1, ...points.map(p => Number(p.value) || 0));
  const ticks = options.ticks || [0, max / 2, max];
  const width = 640;
  const height = 250;
  const left = 52;
  const right = 12;
  const top = 22;
  const bottom = 44;
  const band = (width - left - right) / Math.max(1, points.length);
  const x = i => left + band * (i + 0.5);
  const y = v => top + (height - top - bottom) * (1 - Math.min(max, Math.max(0, Number(v))) / max);
  const known = p => p.value !== null && p.value !== undefined;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart line-chart', role: 'img',
    'aria-label': options.label || options.title || '' });
  ticks.forEach(tick => chart.append(
    svg('line', { x1: left, x2: width - right, y1: y(tick).toFixed(1), y2: y(tick).toFixed(1), class: tick === 0 ? 'axis' : 'gridline' }),
    svg('text', { x: left - 6, y: (y(tick) + 4).toFixed(1), 'text-anchor': 'end', class: 'chart-value small' }, format(tick))));
  let path = '';
  points.forEach((p, i) => {
    if (!known(p)) return;
    path += `${i > 0 && known(points[i - 1]) ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)} `;
  });
  if (path) chart.append(svg('path', { d: path.trim(), class: 'line' }));
  points.forEach((p, i) => {
    chart.append(svg('text', { x: x(i).toFixed(1), y: height - bottom + 18, 'text-anchor': 'middle', class: ['chart-label', 'small', known(p) ? null : 'none'].filter(Boolean).join(' ') }, p.label));
    if (p.sublabel) chart.append(svg('text', { x: x(i).toFixed(1), y: height - bottom + 34, 'text-anchor': 'middle', class: 'chart-value small' }, p.sublabel));
    if (!known(p)) return;
    chart.append(
      svg('circle', { cx: x(i).toFixed(1), cy: y(p.value).toFixed(1), r: 4, class: 'point', 'data-value': String(p.value) },
        svg('title', {}, `${p.sublabel ? `${p.sublabel} ` : ''}${p.label}: ${format(p.value)}`)),
      svg('text', { x: x(i).toFixed(1), y: (y(p.value) - 9).toFixed(1), 'text-anchor': 'middle', class: 'chart-value small' }, format(p.value)));
  });
  const table = h('table', { class: 'sr-only' }, h('tbody', {}, points.map(p =>
    h('tr', {}, h('th', { text: [p.sublabel, p.label].filter(Boolean).join(' ') }), h('td', { text: known(p) ? format(p.value) : '-' })))));
  return h('figure', { class: 'chart-figure' }, options.title ? h('figcaption', { text: options.title }) : null, chart, table);
}
