import { SegmentCollector } from './index';

/**
 * Runs the local Segment-compatible collector until Ctrl-C, printing every message it accepts.
 * Usage: tsx collector/cli.ts [--tracking-port N] [--public-api-port N] [--profile-api-port N]
 */
async function main(): Promise<void> {
	const argument = (name: string): number | undefined => {
		const index = process.argv.indexOf(name);
		return index === -1 ? undefined : Number(process.argv[index + 1]);
	};
	const collector = await SegmentCollector.start({
		trackingPort: argument('--tracking-port') ?? 0,
		publicApiPort: argument('--public-api-port') ?? 0,
		profileApiPort: argument('--profile-api-port') ?? 0,
		onMessage: ({ type, messageId, message }) => {
			console.log(`received ${type} ${messageId}: ${JSON.stringify(message)}`);
		},
	});
	console.log(`Tracking API:  ${collector.trackingBaseUrl}`);
	console.log(`Public API:    ${collector.publicApiBaseUrl}`);
	console.log(`Profile API:   ${collector.profileApiBaseUrl}`);
	const stop = (): void => {
		void collector.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
