// The tool's version: the CLI's --version and every report's tool.version (RELEASING.md keeps it equal
// to package.json's). Its own module, so that printing usage or the version loads nothing else.
export const TOOL_VERSION = '0.1.0';
