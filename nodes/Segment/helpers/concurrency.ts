/**
 * Runs `task` over `entries` with at most `limit` running at once. On the first failure no new
 * task starts; the tasks already running finish, then that failure is thrown.
 */
export async function forEachWithConcurrency<T>(
	entries: readonly T[],
	limit: number,
	task: (entry: T, index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async (): Promise<void> => {
		while (failure === undefined && next < entries.length) {
			const index = next++;
			try {
				await task(entries[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, entries.length)) }, worker);
	await Promise.all(workers);
	if (failure !== undefined) throw failure.error;
}
