import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-4QXEEOQN.js";import"./chunk-BH4AQW5C.js";import"./chunk-QNYKDEZB.js";export{b as clientTuning,a as createGitHubClient};
//# sourceMappingURL=client-CD5KBILX.js.map
