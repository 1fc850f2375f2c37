/**
 * Constants the action bundle defines at build time (esbuild `define`, action/build.mjs): the bundle is one file,
 * so what a build reads from next to itself is inlined instead. Undeclared at run time in a tsc build, where
 * `typeof` tells the two apart.
 */
declare const __PCC_BUNDLED_FILES__: Readonly<Record<string, string>> | undefined;
declare const __PCC_BUNDLED_VERSION__: string | undefined;
/** In the CLI's bundle (scripts/bundle-cli.mjs): the package root relative to dist/cli.js. */
declare const __PCC_PACKAGE_ROOT__: string | undefined;
