/**
 * The benchmark's chart: one SVG (no dependency), wall time per scenario on a shared logarithmic
 * axis, each bar labelled with its time and requests, in panels (items on the loopback, with a
 * real round trip, and the real n8n comparison).
 */

export interface ChartBar {
	label: string;
	/** Milliseconds; undefined for a scenario that did not run (its note says why). */
	ms?: number;
	note: string;
	kind: 'ours' | 'other' | 'floor' | 'n8n';
}

export interface ChartPanel {
	title: string;
	bars: ChartBar[];
}

const WIDTH = 960;
const LABEL_WIDTH = 330;
const BAR_WIDTH = 400;
const ROW = 22;
const PANEL_GAP = 18;
const COLORS: Record<ChartBar['kind'], string> = {
	ours: '#52bd94',
	other: '#8b96a3',
	floor: '#c9d1d9',
	n8n: '#ff6d5a',
};

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function formatMs(ms: number): string {
	if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
	if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
	return `${Math.round(ms)} ms`;
}

export function renderChart(title: string, subtitle: string, panels: ChartPanel[]): string {
	const times = panels.flatMap(({ bars }) => bars.map(({ ms }) => ms ?? 0)).filter((ms) => ms > 0);
	const low = 10 ** Math.floor(Math.log10(Math.min(...times, 100)));
	const high = 10 ** Math.ceil(Math.log10(Math.max(...times, 1000)));
	const x = (ms: number) =>
		LABEL_WIDTH + (BAR_WIDTH * Math.log10(Math.max(ms, low) / low)) / Math.log10(high / low);
	const ticks: number[] = [];
	for (let tick = low; tick <= high; tick *= 10) ticks.push(tick);

	const parts: string[] = [];
	let y = 62;
	for (const panel of panels) {
		parts.push(
			`<text x="16" y="${y + 14}" class="panel">${escape(panel.title)}</text>`,
			...ticks.map(
				(tick) =>
					`<line x1="${x(tick)}" x2="${x(tick)}" y1="${y + 22}" y2="${y + 24 + panel.bars.length * ROW}" class="grid"/>`,
			),
		);
		y += 24;
		for (const bar of panel.bars) {
			parts.push(
				`<text x="${LABEL_WIDTH - 8}" y="${y + 15}" class="label">${escape(bar.label)}</text>`,
			);
			if (bar.ms !== undefined) {
				const end = x(bar.ms);
				parts.push(
					`<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${Math.max(end - LABEL_WIDTH, 2).toFixed(1)}" height="${ROW - 7}" rx="2" fill="${COLORS[bar.kind]}"/>`,
					`<text x="${(end + 6).toFixed(1)}" y="${y + 15}" class="value">${escape(`${formatMs(bar.ms)}${bar.note ? ` · ${bar.note}` : ''}`)}</text>`,
				);
			} else {
				parts.push(
					`<text x="${LABEL_WIDTH + 6}" y="${y + 15}" class="muted">${escape(bar.note)}</text>`,
				);
			}
			y += ROW;
		}
		parts.push(
			...ticks.map(
				(tick) =>
					`<text x="${x(tick)}" y="${y + 12}" class="tick">${tick >= 1000 ? `${tick / 1000} s` : `${tick} ms`}</text>`,
			),
		);
		y += PANEL_GAP + 12;
	}
	const height = y + 4;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escape(title)}">`,
		'<style>',
		'text { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; fill: #24292f; }',
		'.title { font-size: 17px; font-weight: 600; } .subtitle { font-size: 12px; fill: #57606a; }',
		'.panel { font-size: 13px; font-weight: 600; } .label { font-size: 12px; text-anchor: end; }',
		'.value { font-size: 11px; } .muted { font-size: 11px; fill: #8b96a3; font-style: italic; }',
		'.tick { font-size: 10px; fill: #57606a; text-anchor: middle; } .grid { stroke: #d8dee4; stroke-width: 1; }',
		'</style>',
		`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
		`<text x="16" y="26" class="title">${escape(title)}</text>`,
		`<text x="16" y="44" class="subtitle">${escape(subtitle)}</text>`,
		...parts,
		'</svg>',
		'',
	].join('\n');
}
