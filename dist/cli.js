#!/usr/bin/env node
import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import o from"node:module";o.enableCompileCache?.();var{main:r}=await import("./chunks/main-3W3YZ7KD.js");process.exitCode=await r(process.argv.slice(2),{out:e=>process.stdout.write(e),err:e=>process.stderr.write(e),cwd:process.cwd(),now:()=>new Date});
