import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted OpenAI-compatible chat-completions server on 127.0.0.1, standing in for the model
 * behind n8n's OpenAI chat model node (its credential's Base URL points here). Each request gets
 * the next answer of the script: tool calls whose arguments the test chose, then a final message.
 * Every request is kept, so a test can read what n8n sent the model (the tools' JSON schemas, the
 * tool results).
 */

export interface ScriptedToolCall {
	/** The tool's name, as n8n names it (the tool node's name). */
	name: string;
	/** The arguments the model "chose": an object, sent as its JSON text as OpenAI does. */
	arguments: Record<string, unknown>;
}

export type ScriptedAnswer = { toolCalls: ScriptedToolCall[] } | { content: string };

/** A chat-completions request as n8n sent it. */
export interface ModelRequest {
	path: string;
	headers: IncomingHttpHeaders;
	body: {
		model: string;
		stream?: boolean;
		messages: Array<{
			role: string;
			content: unknown;
			tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
			tool_call_id?: string;
		}>;
		tools?: Array<{
			type: 'function';
			function: { name: string; description: string; parameters: Record<string, unknown> };
		}>;
	};
}

export interface ScriptedModel {
	/** The Base URL for n8n's OpenAI credential: `http://127.0.0.1:<port>/v1`. */
	baseUrl: string;
	requests: ModelRequest[];
	/** Replaces the script (and forgets the requests) for the next test. */
	script(answers: ScriptedAnswer[]): void;
	close(): Promise<void>;
}

function completionMessage(answer: ScriptedAnswer, step: number) {
	if ('content' in answer) return { role: 'assistant', content: answer.content };
	return {
		role: 'assistant',
		content: null,
		tool_calls: answer.toolCalls.map(({ name, arguments: args }, index) => ({
			id: `call_${step}_${index}`,
			type: 'function',
			function: { name, arguments: JSON.stringify(args) },
		})),
	};
}

function sendCompletion(
	response: ServerResponse,
	model: string,
	answer: ScriptedAnswer,
	step: number,
	stream: boolean,
): void {
	const message = completionMessage(answer, step);
	const finishReason = 'content' in answer ? 'stop' : 'tool_calls';
	const base = { id: `chatcmpl-scripted-${step}`, created: 1_700_000_000, model };
	const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
	if (!stream) {
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end(
			JSON.stringify({
				...base,
				object: 'chat.completion',
				choices: [{ index: 0, message, finish_reason: finishReason }],
				usage,
			}),
		);
		return;
	}
	// The same answer as server-sent chunks, for an n8n that streams.
	const chunk = (delta: unknown, finish: string | null = null) =>
		`data: ${JSON.stringify({
			...base,
			object: 'chat.completion.chunk',
			choices: [{ index: 0, delta, finish_reason: finish }],
		})}\n\n`;
	response.writeHead(200, { 'Content-Type': 'text/event-stream' });
	const toolCalls = 'tool_calls' in message ? message.tool_calls : undefined;
	response.write(
		chunk(
			toolCalls
				? {
						role: 'assistant',
						content: null,
						tool_calls: toolCalls.map((call, index) => ({ index, ...call })),
					}
				: { role: 'assistant', content: message.content },
		),
	);
	response.write(chunk({}, finishReason));
	response.end('data: [DONE]\n\n');
}

export async function startScriptedModel(): Promise<ScriptedModel> {
	const requests: ModelRequest[] = [];
	let answers: ScriptedAnswer[] = [];
	const server = createServer((request, response) => {
		let text = '';
		request.on('data', (chunk: Buffer) => (text += chunk.toString()));
		request.on('end', () => {
			const path = request.url ?? '';
			if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
				response.writeHead(404, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ error: { message: `No route ${request.method} ${path}` } }));
				return;
			}
			const body = JSON.parse(text) as ModelRequest['body'];
			requests.push({ path, headers: request.headers, body });
			const step = requests.length - 1;
			const answer = answers[step];
			if (!answer) {
				response.writeHead(500, { 'Content-Type': 'application/json' });
				response.end(
					JSON.stringify({ error: { message: `The script has no answer for request ${step}` } }),
				);
				return;
			}
			sendCompletion(response, body.model, answer, step, body.stream === true);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		script: (next) => {
			answers = next;
			requests.length = 0;
		},
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
