import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
var O="0.1.0";export{O as a};
//# sourceMappingURL=chunk-JGZKPMX6.js.map
