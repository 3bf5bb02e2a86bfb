/**
 * The built app runs under a Content Security Policy without `unsafe-eval`
 * (see `cspPlugin` in vite.config.ts). zod 4 would probe `new Function` once to
 * decide whether to compile its parsers; under the policy that probe is refused
 * and reported as a violation even though zod recovers. Telling zod up front to
 * stay "jitless" (its documented global config, read from this global before
 * zod is first loaded by a lazy screen) avoids the probe. Imported first by
 * main.ts.
 */
const config = ((globalThis as { __zod_globalConfig?: Record<string, unknown> }).__zod_globalConfig ??= {});
config.jitless = true;

export {};
