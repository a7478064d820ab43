/**
 * SVG plots through vega-lite (compiled to vega and rendered headless to SVG; no canvas, no network).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Text widths for layout. Without a canvas vega estimates every character at 0.8 em, which leaves wide empty
 * margins beside long titles and legends; this estimate uses per-character advance widths of a sans-serif
 * face (Helvetica/DejaVu-like, rounded up so rendered text is not clipped).
 */
const NARROW = new Set("ijl.,:;'|!()[]{} ⁻¹²ᵢ·");
const WIDE = new Set('mwMW—');
function estimateTextWidth(item: { text?: unknown; fontSize?: number; fontWeight?: string | number; limit?: number }, text?: unknown): number {
  const value = String(text ?? item.text ?? '').trim();
  const size = item.fontSize ?? 11;
  let em = 0;
  for (const ch of value) {
    if (NARROW.has(ch)) em += 0.32;
    else if (WIDE.has(ch)) em += 0.95;
    else if (ch >= 'A' && ch <= 'Z') em += 0.72;
    else em += 0.63;
  }
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const width = em * size * (bold ? 1.15 : 1);
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
}
(vega as unknown as { textMetrics: { width: typeof estimateTextWidth } }).textMetrics.width = estimateTextWidth;

/** Renders a vega-lite specification to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

export interface BandRow {
  readonly t: number;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  readonly series?: string;
}

/**
 * Error against generation t: a line per series with its interval band, log scale when the errors span more
 * than two decades (collapse), optional horizontal reference lines (e.g. a limit or the 1/6 floor).
 */
export function trajectorySpec(options: { title: string; rows: readonly BandRow[]; yTitle: string; references?: readonly { value: number; label: string }[]; log?: boolean }): TopLevelSpec {
  const positive = options.rows.filter((r) => r.lower > 0 && r.mean > 0);
  const spread = positive.length ? Math.max(...positive.map((r) => r.upper)) / Math.min(...positive.map((r) => r.lower)) : 1;
  const log = options.log ?? (positive.length === options.rows.length && spread > 100);
  const y = { type: 'quantitative' as const, title: options.yTitle, scale: log ? { type: 'log' as const } : { zero: false } };
  const color = { field: 'series', type: 'nominal' as const, title: null };
  const layers: unknown[] = [
    { mark: { type: 'area', opacity: 0.2 }, encoding: { x: { field: 't', type: 'quantitative', title: 'generation t' }, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color } },
    { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x: { field: 't', type: 'quantitative' }, y: { ...y, field: 'mean' }, color } },
  ];
  for (const ref of options.references ?? []) {
    layers.push({ data: { values: [{ v: ref.value, label: ref.label }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'black' }, encoding: { y: { field: 'v', type: 'quantitative' } } });
    layers.push({ data: { values: [{ v: ref.value, label: ref.label }] }, mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: 'black' }, encoding: { y: { field: 'v', type: 'quantitative' }, text: { field: 'label' }, x: { value: 0 } } });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 520,
    height: 320,
    data: { values: options.rows.map((r) => ({ ...r, series: r.series ?? 'error' })) },
    layer: layers,
  } as unknown as TopLevelSpec;
}

export interface CurveRow {
  readonly x: number;
  readonly y: number;
  /** A 95 % band around y (drawn when both are given). */
  readonly lower?: number;
  readonly upper?: number;
  readonly series: string;
  /** 'Monte Carlo' (solid) or 'theory' (dashed). */
  readonly style?: 'Monte Carlo' | 'theory';
}

/**
 * Several curves y(x) on one panel: a solid line (with its 95 % band when lower/upper are given) per Monte Carlo
 * series, a dashed line per theory series, optional log axes, horizontal and vertical reference rules, and a
 * subtitle (e.g. the setup, what was scaled down, the fraction of replications alive).
 */
export function curvesSpec(options: {
  title: string;
  subtitle?: readonly string[];
  rows: readonly CurveRow[];
  xTitle: string;
  yTitle: string;
  xLog?: boolean;
  yLog?: boolean;
  points?: boolean;
  hRules?: readonly { value: number; label: string }[];
  /** Vertical rules; `color` (default black) tells apart rules at nearby x, e.g. an argmin next to 1/φ. */
  vRules?: readonly { value: number; label: string; color?: string }[];
}): TopLevelSpec {
  const x = { field: 'x', type: 'quantitative' as const, title: options.xTitle, scale: options.xLog ? { type: 'log' as const, nice: false } : { zero: false } };
  const yScale = options.yLog ? { type: 'log' as const } : { zero: false };
  const color = { field: 'series', type: 'nominal' as const, title: null, legend: { orient: 'bottom' as const, columns: 2, labelLimit: 400, symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2.5 } };
  const strokeDash = { field: 'style', type: 'nominal' as const, title: null, scale: { domain: ['Monte Carlo', 'theory'], range: [[1, 0], [6, 4]] }, legend: null };
  const layers: unknown[] = [
    {
      transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
      mark: { type: 'area', opacity: 0.18 },
      encoding: { x, y: { field: 'lower', type: 'quantitative', title: options.yTitle, scale: yScale }, y2: { field: 'upper' }, color },
    },
    {
      mark: { type: 'line', strokeWidth: 1.6, point: options.points ?? false },
      encoding: { x, y: { field: 'y', type: 'quantitative', title: options.yTitle, scale: yScale }, color, strokeDash },
    },
  ];
  for (const rule of options.hRules ?? []) {
    layers.push({ data: { values: [rule] }, mark: { type: 'rule', strokeDash: [2, 3], color: 'black' }, encoding: { y: { field: 'value', type: 'quantitative' } } });
    layers.push({ data: { values: [rule] }, mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: 'black' }, encoding: { y: { field: 'value', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } } });
  }
  (options.vRules ?? []).forEach((rule, i) => {
    // Labels are horizontal and stacked from the top, so rules at nearby x (an argmin next to 1/φ) stay legible.
    const color = rule.color ?? 'black';
    const values = [{ value: rule.value, label: rule.label }];
    layers.push({ data: { values }, mark: { type: 'rule', strokeDash: i === 0 ? [2, 3] : [6, 3], strokeWidth: 1.2, color }, encoding: { x: { field: 'value', type: 'quantitative' } } });
    layers.push({ data: { values }, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, color }, encoding: { x: { field: 'value', type: 'quantitative' }, y: { value: 4 + 14 * i }, text: { field: 'label' } } });
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, subtitle: options.subtitle ? [...options.subtitle] : undefined, anchor: 'start', subtitleFontSize: 10 },
    width: 560,
    height: 320,
    data: { values: options.rows.map((r) => ({ ...r, style: r.style ?? 'Monte Carlo' })) },
    layer: layers,
  } as unknown as TopLevelSpec;
}
