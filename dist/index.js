import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
var s=new Set(["pull_request","pull_request_target","pull_request_review","merge_group","schedule","workflow_dispatch"]),t=process.env.GITHUB_EVENT_NAME??"",r=(process.env.INPUT_MODE??"").trim()==="deployment";if(s.has(t)||r){let{run:e}=await import("./chunks/run-V474WTOM.js");await e()}else{let e=`pilot-readiness has nothing to do on the "${t||"unknown"}" event; it runs on pull_request, pull_request_target, pull_request_review, merge_group, schedule and workflow_dispatch.`;process.stdout.write(`::notice title=pilot-readiness::${e.replace(/%/g,"%25").replace(/\r/g,"%0D").replace(/\n/g,"%0A")}
`)}
//# sourceMappingURL=index.js.map
