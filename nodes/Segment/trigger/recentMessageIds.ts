import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * The message IDs a trigger delivered recently, to drop the repeats Segment's retries can send
 * (it retries a webhook for up to four hours, and a retried request may have been received
 * before). Kept in this n8n process's memory, bounded in count and age; one set per trigger node.
 */
export const RECENT_MESSAGE_IDS = {
	/** The most IDs remembered per trigger node; the oldest are forgotten first. */
	maxEntries: 10_000,
	/** How long an ID is remembered: longer than Segment's four hours of retries. */
	maxAgeMs: 24 * 60 * 60 * 1000,
} as const;

class RecentIds {
	// A Map iterates in insertion order: the first entry is the oldest.
	private readonly seenAt = new Map<string, number>();

	constructor(
		private readonly maxEntries: number,
		private readonly maxAgeMs: number,
	) {}

	/** Records `id` and tells whether it was already seen within the window. */
	seen(id: string, now: number): boolean {
		this.forgetOld(now);
		if (this.seenAt.has(id)) return true;
		this.seenAt.set(id, now);
		if (this.seenAt.size > this.maxEntries) {
			const oldest = this.seenAt.keys().next().value;
			if (oldest !== undefined) this.seenAt.delete(oldest);
		}
		return false;
	}

	private forgetOld(now: number): void {
		for (const [id, at] of this.seenAt) {
			if (now - at < this.maxAgeMs) break;
			this.seenAt.delete(id);
		}
	}
}

const byTrigger = new Map<string, RecentIds>();

/**
 * One trigger endpoint across its activation hooks and requests: its webhook URL (the editor's
 * test URL and the production URL keep separate memories).
 */
export function triggerKey(context: IHookFunctions | IWebhookFunctions): string {
	return (
		context.getNodeWebhookUrl('default') ??
		`${context.getWorkflow().id ?? ''}/${context.getNode().id}`
	);
}

/** The recent IDs of one trigger node (workflow ID + node ID). */
export function recentMessageIds(key: string): RecentIds {
	let ids = byTrigger.get(key);
	if (!ids) {
		ids = new RecentIds(RECENT_MESSAGE_IDS.maxEntries, RECENT_MESSAGE_IDS.maxAgeMs);
		byTrigger.set(key, ids);
	}
	return ids;
}

/** Forgets a trigger's IDs (its registration was deleted). */
export function forgetMessageIds(key: string): void {
	byTrigger.delete(key);
}
