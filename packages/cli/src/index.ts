// Library entry of @bulwark/cli: the HTTP client and helpers the command uses, for scripts and tests.
export { main, buildProgram } from './main.ts';
export { Client, type ClientOptions, type RequestOptions } from './http.ts';
export { ProblemError, ConnectionError, renderProblem, renderError } from './problem.ts';
export { SseParser, readSse, type SseMessage } from './sse.ts';
