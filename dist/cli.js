#!/usr/bin/env node
import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import s from"node:module";s.enableCompileCache?.();for(let e of[process.stdout,process.stderr])e.on("error",o=>{throw o.code==="EPIPE"&&process.exit(process.exitCode??0),o});var{main:r}=await import("./chunks/main-TBGIMTAJ.js");process.exitCode=await r(process.argv.slice(2),{out:e=>process.stdout.write(e),err:e=>process.stderr.write(e),cwd:process.cwd(),now:()=>new Date});
//# sourceMappingURL=cli.js.map
