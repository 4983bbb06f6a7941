#!/usr/bin/env node
import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import o from"node:module";o.enableCompileCache?.();process.setSourceMapsEnabled(!0);var{main:s}=await import("./chunks/main-2NKM6OV4.js");process.exitCode=await s(process.argv.slice(2),{out:e=>process.stdout.write(e),err:e=>process.stderr.write(e),cwd:process.cwd(),now:()=>new Date});
//# sourceMappingURL=cli.js.map
